/**
 * `aaprof emit`: normalized profiles and the Kubernetes snippets that reference or load them.
 *
 * Standard output always holds something kubectl can take: the pod patch, or with --loader / --spo the
 * objects to apply. With -o DIR every kind is written to its own file, beside the profile texts.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Option, type Command } from "commander";
import { renderStylish } from "../diagnostics/render/stylish.js";
import {
  DEFAULT_K8S_VERSION, formatVersion, hasProfileField, parseK8sVersion, type K8sVersion,
} from "../k8s/api.js";
import { emitProfiles, type EmitInput, type EmitOutput } from "../emit/index.js";
import { LOADER_DEFAULTS } from "../emit/loader.js";
import { parseTarget, SNIPPET_MODES, type ContainerTarget, type SnippetMode } from "../emit/snippets.js";
import { writeYaml } from "../emit/yaml.js";
import { describeIo, expandInputs } from "./inputs.js";
import { collect, includeBases, internalError, sourceText, type CommandContext, type Io } from "./shared.js";


export interface EmitCliOptions {
  include: string[];
  output?: string;
  k8sVersion: string;
  container: string[];
  initContainer: string[];
  mode?: SnippetMode;
  target?: string;
  flatten?: boolean;
  loader?: boolean;
  loaderNamespace: string;
  loaderImage: string;
  spo?: boolean;
}

/** What -o DIR holds, by kind. */
export const OUTPUT_FILES = {
  profiles: "apparmor.d",
  patch: "pod-patch.yaml",
  loader: "loader.yaml",
  spo: "spo.yaml",
} as const;

export function registerEmit(program: Command, ctx: CommandContext): void {
  program
    .command("emit")
    .description("write profiles normalized, with the Kubernetes snippets that reference and load them")
    .argument("<profiles...>", "profile files or directories")
    .option("-I, --include <dir>", "include base for <...> includes, searched in order (repeatable)", collect, [])
    .option("-o, --output <dir>", "write into DIR (one .yaml per snippet kind, profiles under apparmor.d/) instead of stdout")
    .option("--k8s-version <x.y>", "Kubernetes release of the cluster", DEFAULT_K8S_VERSION)
    .option("--container <name>", "container to confine (repeatable; default: the whole pod, field form only)", collect, [])
    .option("--init-container <name>", "init container to confine (repeatable)", collect, [])
    .addOption(new Option("--mode <mode>", "snippet form (default: field from 1.30, annotation before)").choices(SNIPPET_MODES))
    .option("--target <kind/name>", "name the patched object (e.g. Deployment/web), for kustomize")
    .option("--flatten", "resolve includes into one self-contained file, as apparmor_parser -p does")
    .option("--loader", "emit a ConfigMap and a DaemonSet that load the profiles on every node")
    .option("--loader-namespace <ns>", "namespace of the loader", LOADER_DEFAULTS.namespace)
    .option("--loader-image <image>", "image the loader runs (needs a shell; apparmor_parser is installed if absent)", LOADER_DEFAULTS.image)
    .option("--spo", "emit a Security Profiles Operator AppArmorProfile, or say what it cannot express")
    .action(async (paths: string[], opts: EmitCliOptions) => ctx.setExitCode(await emitCommand(paths, opts, ctx.io)));
}

export async function emitCommand(paths: string[], opts: EmitCliOptions, io: Io): Promise<number> {
  const usage = (message: string) => {
    io.err(`aaprof emit: ${message}\n`);
    return 2;
  };
  const version = parseK8sVersion(opts.k8sVersion);
  if (!version) return usage(`--k8s-version must look like 1.30, not ${JSON.stringify(opts.k8sVersion)}`);
  const mode: SnippetMode = opts.mode ?? (hasProfileField(version) ? "field" : "annotation");
  const containers: ContainerTarget[] = [
    ...opts.initContainer.map((name) => ({ name, init: true })),
    ...opts.container.map((name) => ({ name, init: false })),
  ];
  // The annotation form names containers; a run that only wants the loader or the operator's object needs none.
  const patches = mode === "field" || containers.length > 0;
  if (!patches && !opts.loader && !opts.spo) {
    return usage(`--mode ${mode} writes one annotation per container: name them with --container (and --init-container)`);
  }
  const target = opts.target === undefined ? undefined : parseTarget(opts.target);
  if (target === null) return usage(`--target must be KIND/NAME with a kind that runs pods (e.g. Deployment/web), not ${JSON.stringify(opts.target)}`);
  if (patches) warnVersion(mode, version, io);

  const { files, errors } = expandInputs(paths);
  const explicit = new Set(paths);
  const inputs: EmitInput[] = files.map((f) => ({ path: f.path, walked: !explicit.has(f.path) }));
  let out: EmitOutput;
  try {
    out = await emitProfiles(inputs, {
      includeDirs: includeBases(paths, opts.include),
      cwd: process.cwd(),
      k8sVersion: version,
      mode: patches ? mode : null,
      containers,
      target,
      flatten: opts.flatten === true,
      loader: opts.loader ? { namespace: opts.loaderNamespace, name: LOADER_DEFAULTS.name, image: opts.loaderImage, k8sVersion: version } : undefined,
      spo: opts.spo === true,
    });
  } catch (err) {
    io.err(renderStylish([{ filePath: paths[0] ?? "", diagnostics: [internalError(paths[0] ?? "", err)] }], { source: () => undefined }));
    return 2;
  }
  const results = [...out.results];
  for (const e of errors) {
    const start = { offset: 0, line: 1, column: 1 };
    results.push({ filePath: e.path, diagnostics: [{ code: "AA0001", rule: "io-error", severity: "error", message: e.message, file: e.path, range: { start, end: start } }] });
  }
  io.err(renderStylish(results, { source: (p) => sourceText(out.checker.workspace, p) }));
  for (const e of out.errors) io.err(`aaprof emit: ${e}\n`);

  const written = opts.output === undefined ? writeStdout(out, opts, io) : writeDirectory(out, opts.output, io);
  if (!written) return 2;
  const failed = out.errors.length > 0 || results.some((r) => r.diagnostics.some((d) => d.severity === "error"));
  return failed ? 1 : 0;
}

function warnVersion(mode: SnippetMode, version: K8sVersion, io: Io): void {
  const v = formatVersion(version);
  if (mode === "field" && !hasProfileField(version)) {
    io.err(`aaprof emit: warning: Kubernetes ${v} has no securityContext.appArmorProfile; the API server drops or rejects it (use --mode annotation or both)\n`);
  }
  if (mode === "annotation" && hasProfileField(version)) {
    io.err(`aaprof emit: warning: the AppArmor annotation is deprecated since Kubernetes 1.30 (use --mode field or both)\n`);
  }
}

function writeStdout(out: EmitOutput, opts: EmitCliOptions, io: Io): boolean {
  const docs = opts.loader || opts.spo ? [...out.loader, ...out.spo] : out.patches;
  if (docs.length) io.out(writeYaml(docs));
  return true;
}

function writeDirectory(out: EmitOutput, dir: string, io: Io): boolean {
  const write = (path: string, text: string) => {
    writeFileSync(path, text);
    io.err(`wrote ${path}\n`);
  };
  try {
    const profiles = join(dir, OUTPUT_FILES.profiles);
    mkdirSync(profiles, { recursive: true });
    for (const p of out.profiles) write(join(profiles, p.key), p.text);
    if (out.patches.length) write(join(dir, OUTPUT_FILES.patch), writeYaml(out.patches));
    if (out.loader.length) write(join(dir, OUTPUT_FILES.loader), writeYaml(out.loader));
    if (out.spo.length) write(join(dir, OUTPUT_FILES.spo), writeYaml(out.spo));
    return true;
  } catch (err) {
    io.err(`aaprof emit: cannot write to ${dir}: ${describeIo(err)}\n`);
    return false;
  }
}
