/**
 * `aaprof k8s check`: AppArmor settings of Kubernetes manifests against a profile directory.
 */
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { Option, type Command } from "commander";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { renderGithub } from "../diagnostics/render/github.js";
import { renderJson, type FileResult } from "../diagnostics/render/json.js";
import { renderSarif, type SarifRuleDescriptor } from "../diagnostics/render/sarif.js";
import { renderStylish } from "../diagnostics/render/stylish.js";
import { DEFAULT_K8S_VERSION, parseK8sVersion } from "../k8s/api.js";
import { checkManifests, parseNodeProfiles, type ManifestInput } from "../k8s/check.js";
import { finding, FINDINGS } from "../k8s/findings.js";
import { indexProfiles, type ProfileIndex } from "../k8s/profiles.js";
import { MAX_FILE_BYTES } from "../source/source.js";
import { describeIo, expandInputs } from "./inputs.js";
import { VERSION } from "./version.js";
import { collect, includeBases, internalError, sourceText, type CommandContext, type Io } from "./shared.js";

export interface K8sCheckCliOptions {
  profiles: string;
  include: string[];
  format: OutputFormat;
  k8sVersion: string;
  nodeProfiles?: string;
}

/** The output formats of the lint command, from the shared renderers. */
const FORMATS = ["stylish", "json", "sarif", "github"] as const;
type OutputFormat = (typeof FORMATS)[number];

/** Manifest files taken from a directory walk; files named on the command line are read whatever their name. */
const MANIFEST_EXTENSIONS = new Set([".yaml", ".yml", ".json"]);

export function registerK8s(program: Command, ctx: CommandContext): void {
  const k8s = program.command("k8s").description("check Kubernetes manifests against AppArmor profiles");
  k8s
    .command("check")
    .description("report AppArmor settings the cluster rejects, ignores, or cannot satisfy (exit 1 on errors)")
    .argument("<manifests...>", "manifest files or directories ('-' reads stdin)")
    .requiredOption("--profiles <dir>", "directory of the profiles the pods reference")
    .option("-I, --include <dir>", "include base for the profiles' <...> includes (repeatable)", collect, [])
    .addOption(new Option("-f, --format <format>", "output format").choices(FORMATS).default("stylish"))
    .option("--k8s-version <x.y>", "Kubernetes release of the cluster", DEFAULT_K8S_VERSION)
    .option("--node-profiles <file>", "a node's /sys/kernel/security/apparmor/profiles, to find profiles not loaded")
    .action((paths: string[], opts: K8sCheckCliOptions) => ctx.setExitCode(k8sCheckCommand(paths, opts, ctx.io)));
}

export function k8sCheckCommand(paths: string[], opts: K8sCheckCliOptions, io: Io): number {
  const usage = (message: string) => {
    io.err(`aaprof k8s check: ${message}\n`);
    return 2;
  };
  const version = parseK8sVersion(opts.k8sVersion);
  if (!version) return usage(`--k8s-version must look like 1.30, not ${JSON.stringify(opts.k8sVersion)}`);
  const profileFiles = expandInputs([opts.profiles]);
  if (profileFiles.errors.some((e) => e.path === opts.profiles)) {
    return usage(`--profiles ${opts.profiles}: ${profileFiles.errors[0]!.message}`);
  }
  let nodeProfiles: Map<string, string> | undefined;
  if (opts.nodeProfiles !== undefined) {
    try {
      nodeProfiles = parseNodeProfiles(readFileSync(opts.nodeProfiles, "utf8"));
    } catch (err) {
      return usage(`--node-profiles ${opts.nodeProfiles}: ${describeIo(err)}`);
    }
  }

  const results: FileResult[] = [];
  const sources = new Map<string, string>();
  let index: ProfileIndex | undefined;
  try {
    index = indexProfiles(profileFiles.files.map((f) => f.path), {
      includeDirs: includeBases([opts.profiles], opts.include), cwd: process.cwd(),
    });
    const inputs = readManifests(paths, io, results);
    for (const i of inputs) sources.set(i.path, i.text);
    results.push(...checkManifests(inputs, { k8sVersion: version, index, cwd: process.cwd(), nodeProfiles }));
    results.push(...byFile(index.diagnostics));
  } catch (err) {
    results.push({ filePath: paths[0] ?? "", diagnostics: [internalError(paths[0] ?? "", err)] });
    io.out(render(opts.format, results, () => undefined));
    return 2;
  }
  const checker = index.checker;
  io.out(render(opts.format, results, (p) => sources.get(p) ?? sourceText(checker.workspace, p)));
  return results.some((r) => r.diagnostics.some((d) => d.severity === "error")) ? 1 : 0;
}

function readManifests(paths: readonly string[], io: Io, results: FileResult[]): ManifestInput[] {
  const inputs: ManifestInput[] = [];
  if (paths.includes("-")) inputs.push({ path: "<stdin>", text: io.stdin() });
  const explicit = new Set(paths);
  const { files, errors } = expandInputs(paths.filter((p) => p !== "-"));
  for (const f of files) {
    if (!explicit.has(f.path) && !MANIFEST_EXTENSIONS.has(extname(f.path).toLowerCase())) continue;
    const read = readManifestText(f.path);
    if (typeof read === "string") inputs.push({ path: f.path, text: read });
    else results.push({ filePath: f.path, diagnostics: [read] });
  }
  for (const e of errors) results.push({ filePath: e.path, diagnostics: [unreadable(e.path, e.message)] });
  return inputs;
}

function readManifestText(path: string): string | Diagnostic {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    return unreadable(path, `cannot read: ${describeIo(err)}`);
  }
  if (bytes.length > MAX_FILE_BYTES) return unreadable(path, "file is too large to be a manifest");
  if (bytes.includes(0)) return unreadable(path, "file contains a NUL byte: this is a binary file, not a manifest");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return unreadable(path, "invalid UTF-8");
  }
}

function unreadable(path: string, message: string): Diagnostic {
  const start = { offset: 0, line: 1, column: 1 };
  return finding("manifestUnreadable", path, { start, end: start }, message);
}

function byFile(diagnostics: readonly Diagnostic[]): FileResult[] {
  const map = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) map.set(d.file, [...(map.get(d.file) ?? []), d]);
  return [...map].map(([filePath, ds]) => ({ filePath, diagnostics: ds }));
}

function render(format: OutputFormat, results: FileResult[], source: (p: string) => string | undefined): string {
  switch (format) {
    case "json": return renderJson(results) + "\n";
    case "sarif":
      return renderSarif(results, { toolName: "aaprof", version: VERSION, baseDir: process.cwd(), rules: SARIF_RULES }) + "\n";
    case "github": return renderGithub(results, { baseDir: process.cwd() });
    case "stylish": return renderStylish(results, { source });
  }
}

const SARIF_RULES: SarifRuleDescriptor[] = Object.values(FINDINGS).map((f) => ({
  id: f.code, name: f.rule, shortDescription: f.description, defaultLevel: f.severity, tags: ["kubernetes", "apparmor"],
}));

