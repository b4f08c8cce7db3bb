/**
 * `aaprof emit` as a library: for each top-level profile of each file, the normalized profile text (the
 * formatter's output, optionally flattened) and the Kubernetes documents that reference or load it.
 *
 * A file that does not compile emits nothing: a snippet for a profile the node cannot load is a trap.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { FileResult } from "../diagnostics/render/json.js";
import { formatText } from "../format/index.js";
import type { AppArmorSetting, K8sVersion } from "../k8s/api.js";
import { Checker } from "../project/checker.js";
import type { FileSystem } from "../project/workspace.js";
import { configMapKey, loaderDocuments, type LoaderOptions } from "./loader.js";
import { topLevelProfiles, type DeclaredProfile } from "./names.js";
import { podPatch, settingProblem, type ContainerTarget, type PatchTarget, type SnippetMode } from "./snippets.js";
import { spoProfile } from "./spo.js";
import { profileText } from "./text.js";
import type { YamlDocument } from "./yaml.js";

export interface EmitOptions {
  includeDirs: string[];
  cwd: string;
  k8sVersion: K8sVersion;
  /** null: no pod patches (a run for the loader or the operator only). */
  mode: SnippetMode | null;
  containers: ContainerTarget[];
  target?: PatchTarget;
  flatten: boolean;
  /** Set to emit the node loader. */
  loader?: LoaderOptions;
  spo: boolean;
  fs?: FileSystem;
}

export interface EmittedProfile {
  name: string;
  /** ConfigMap key and file name of the profile text. */
  key: string;
  file: string;
  /** The profile alone with its preamble, normalized. */
  text: string;
}

export interface EmitOutput {
  profiles: EmittedProfile[];
  patches: YamlDocument[];
  loader: YamlDocument[];
  spo: YamlDocument[];
  /** Problems per input file (compile errors, names that cannot be referenced, unmappable constructs). */
  results: FileResult[];
  /** Problems that belong to no one file (the loader as a whole). */
  errors: string[];
  checker: Checker;
}

const CODES = {
  noProfile: ["AA6501", "emit-no-profile"],
  badName: ["AA6502", "emit-invalid-name"],
  duplicate: ["AA6503", "emit-duplicate-name"],
  format: ["AA6504", "emit-format"],
} as const;

export interface EmitInput {
  path: string;
  /** Found by walking a directory: a file without profiles (an abstraction) is skipped, not reported. */
  walked?: boolean;
}

export async function emitProfiles(inputs: readonly EmitInput[], options: EmitOptions): Promise<EmitOutput> {
  const checker = new Checker({ includeDirs: options.includeDirs, cwd: options.cwd, fs: options.fs, fragments: "auto" });
  const out: EmitOutput = { profiles: [], patches: [], loader: [], spo: [], results: [], errors: [], checker };
  const seen = new Map<string, DeclaredProfile>();
  for (const { path: file, walked } of inputs) {
    const diagnostics: Diagnostic[] = [];
    out.results.push({ filePath: file, diagnostics });
    const report = checker.checkFile(file);
    const errors = report.diagnostics.filter((d) => d.severity === "error");
    if (errors.length || !report.program) {
      diagnostics.push(...errors);
      continue;
    }
    // The checked file itself is not kept in the workspace; its text and tree come with the report.
    if (report.text === undefined) continue;
    const loaded = { ok: true as const, path: file, text: report.text, parsed: { ast: report.program.ast, diagnostics: [] } };
    const declared = topLevelProfiles(report.program);
    if (declared.length === 0) {
      if (walked) continue;
      diagnostics.push(problem("noProfile", file, report.program.ast.range, "the file declares no profile: there is nothing to reference",
        "emit takes profile files, not abstractions or tunables"));
      continue;
    }
    for (const d of declared) {
      const setting: AppArmorSetting = { type: "Localhost", localhostProfile: d.name };
      const bad = settingProblem(setting);
      if (bad) {
        diagnostics.push(problem("badName", d.file, d.range, `profile name ${JSON.stringify(d.name)} cannot be referenced from Kubernetes: ${bad}`));
        continue;
      }
      const previous = seen.get(d.name);
      if (previous) {
        diagnostics.push(problem("duplicate", d.file, d.range,
          `profile ${d.name} is also declared in ${previous.file}:${previous.range.start.line}; the one loaded last replaces the other`));
        continue;
      }
      seen.set(d.name, d);
      const own = d.profile.file === file && loaded.parsed.ast.body.includes(d.profile.node);
      const raw = profileText(loaded, own ? d.profile.node : null, {
        workspace: checker.workspace, includeDirs: options.includeDirs, cwd: options.cwd, flatten: options.flatten,
      });
      const formatted = await formatText(raw, { filePath: file });
      if (!formatted.ok) {
        diagnostics.push(...formatted.diagnostics.map((x) => ({ ...x, code: CODES.format[0], rule: CODES.format[1] })));
        continue;
      }
      const emitted: EmittedProfile = { name: d.name, key: configMapKey(d.name), file, text: formatted.text };
      out.profiles.push(emitted);

      if (options.mode) {
        const patch = podPatch(setting, { mode: options.mode, containers: options.containers, target: options.target });
        if (!patch.ok) {
          diagnostics.push(problem("badName", d.file, d.range, patch.message));
          continue;
        }
        out.patches.push({ comment: `profile ${d.name} (from ${file})\n\n${formatted.text.replace(/\n$/, "")}`, value: patch.patch });
      }
      if (options.spo) {
        const spo = spoProfile(d, report.program);
        if (spo.ok) out.spo.push({ comment: `profile ${d.name} (from ${file})`, value: spo.document });
        else diagnostics.push(...spo.diagnostics);
      }
    }
  }
  if (options.loader && out.profiles.length) {
    const loader = loaderDocuments(out.profiles, options.loader);
    if (loader.ok) {
      const names = out.profiles.map((p) => p.name).join(", ");
      out.loader.push(...loader.documents.map((value, i) => (i === 0 ? { comment: `profiles: ${names}`, value } : { value })));
    } else {
      out.errors.push(`cannot build the loader: ${loader.message}`);
    }
  }
  return out;
}

function problem(key: keyof typeof CODES, file: string, range: Diagnostic["range"], message: string, help?: string): Diagnostic {
  const [code, rule] = CODES[key];
  const d: Diagnostic = { code, rule, severity: "error", message, file, range };
  if (help) d.help = help;
  return d;
}
