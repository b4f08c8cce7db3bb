/**
 * `aaprof load`: check, then hand the normalized profile to apparmor_parser to load, replace or remove it
 * (or, with --skip-kernel, only compile it), and report what the compiler says at the user's own lines.
 */
import { InvalidArgumentError, Option, type Command } from "commander";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { renderJson, type FileResult } from "../diagnostics/render/json.js";
import { renderStylish } from "../diagnostics/render/stylish.js";
import {
  DEFAULT_TIMEOUT_MS, EXIT_2_CODES, ParserBridge, describeInvocation, type BridgeOptions, type LoadMode,
} from "../load/index.js";
import { Checker, type FileReport } from "../project/checker.js";
import { expandInputs } from "./inputs.js";
import { collect, includeBases, internalError, sourceText, type CommandContext, type Io } from "./shared.js";

export interface LoadCliOptions {
  replace?: boolean;
  add?: boolean;
  remove?: boolean;
  skipKernel?: boolean;
  parser?: string;
  include: string[];
  dryRun?: boolean;
  /** Seconds. */
  timeout?: number;
  format: "stylish" | "json";
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError("expected a positive number of seconds");
  return n;
}

export function registerLoad(program: Command, ctx: CommandContext): void {
  program
    .command("load")
    .description("check profiles, then load them with apparmor_parser (exit 1 on profile errors, 2 when it cannot run)")
    .argument("<profiles...>", "profile files or directories ('-' reads stdin)")
    .addOption(new Option("-r, --replace", "replace profiles already loaded (the default)").conflicts(["add", "remove"]))
    .addOption(new Option("-a, --add", "add profiles; fails for a profile already loaded").conflicts(["replace", "remove"]))
    .addOption(new Option("-R, --remove", "remove the profiles the files define").conflicts(["replace", "add"]))
    .option("--skip-kernel", "only compile (apparmor_parser -QK): needs neither root nor an AppArmor kernel")
    .option("--parser <path>", "the apparmor_parser to run (default: /sbin, /usr/sbin, then PATH)")
    .option("-I, --include <dir>", "include base for <...> includes, searched in order (repeatable)", collect, [])
    .option("--dry-run", "print the exact command and the text it would be given, and run nothing")
    .option("--timeout <seconds>", `stop apparmor_parser after this long (default ${DEFAULT_TIMEOUT_MS / 1000})`, seconds)
    .addOption(new Option("-f, --format <format>", "output format").choices(["stylish", "json"]).default("stylish"))
    .action(async (paths: string[], opts: LoadCliOptions) => ctx.setExitCode(await loadCommand(paths, opts, ctx.io)));
}

function modeOf(opts: LoadCliOptions): LoadMode {
  if (opts.add) return "add";
  if (opts.remove) return "remove";
  return "replace";
}

interface Entry {
  filePath: string;
  text: string | undefined;
  report: FileReport | undefined;
  diagnostics: Diagnostic[];
  /** What happened, for the summary line of a file that had no errors. */
  done?: string;
}

/**
 * `bridge` adds library-only settings (where to look for the compiler, where the kernel says AppArmor is
 * on); tests use them to stand in for a machine without the compiler or without AppArmor.
 */
export async function loadCommand(
  paths: string[], opts: LoadCliOptions, io: Io, bridge: Partial<BridgeOptions> = {},
): Promise<number> {
  const mode = modeOf(opts);
  const skipKernel = opts.skipKernel === true;
  const { files, errors } = expandInputs(paths.filter((p) => p !== "-"));
  const includeDirs = includeBases(paths, opts.include);
  const cwd = process.cwd();
  const checker = new Checker({ includeDirs, cwd, fragments: "auto" });
  const entries: Entry[] = [];
  const inputs: { path: string; text?: string }[] = [];
  if (paths.includes("-")) inputs.push({ path: "<stdin>", text: io.stdin() });
  for (const f of files) inputs.push({ path: f.path });

  for (const input of inputs) {
    const entry: Entry = { filePath: input.path, text: input.text, report: undefined, diagnostics: [] };
    entries.push(entry);
    try {
      const report = checker.checkFile(input.path, input.text);
      entry.report = report;
      entry.diagnostics.push(...report.diagnostics);
      entry.text ??= report.text;
    } catch (err) {
      entry.diagnostics.push(internalError(input.path, err));
    }
  }
  for (const e of errors) {
    const start = { offset: 0, line: 1, column: 1 };
    entries.push({
      filePath: e.path, text: undefined, report: undefined,
      diagnostics: [{ code: "AA0001", rule: "io-error", severity: "error", message: e.message, file: e.path, range: { start, end: start } }],
    });
  }

  const parserBridge = new ParserBridge(checker, {
    includeDirs, cwd,
    ...(opts.parser !== undefined ? { parser: opts.parser } : {}),
    ...(opts.timeout !== undefined ? { timeoutMs: Math.round(opts.timeout * 1000) } : {}),
    ...bridge,
  });
  const dryRun: string[] = [];
  for (const entry of entries) {
    const report = entry.report;
    // A profile with check errors is never handed on: the compiler would at best repeat them.
    if (!report?.program || entry.text === undefined || entry.diagnostics.some((d) => d.severity === "error")) continue;
    if (report.program.profiles.some((p) => p.fragment)) {
      // Abstractions met while walking a profile tree are expected; one named on its own is a mistake.
      if (paths.includes(entry.filePath)) entry.diagnostics.push(fragmentNote(entry.filePath));
      continue;
    }
    const request = { report, text: entry.text, mode, skipKernel, normalize: true };
    if (opts.dryRun) {
      dryRun.push(`# ${entry.filePath}\n${describeInvocation(await parserBridge.invocation(request))}`);
      continue;
    }
    try {
      const result = await parserBridge.compile(request);
      entry.diagnostics.push(...result.diagnostics);
      if (result.status === "ok") entry.done = doneText(mode, skipKernel);
      // Not installed, no kernel, no permission, a hang: every further file would meet the same.
      if (result.fatal) break;
    } catch (err) {
      entry.diagnostics.push(internalError(entry.filePath, err));
    }
  }

  const results: FileResult[] = entries.map((e) => ({ filePath: e.filePath, diagnostics: e.diagnostics }));
  if (opts.format === "json") {
    // Standard output stays one JSON document; what would have been run goes beside it.
    io.err(dryRun.join("\n"));
    io.out(renderJson(results) + "\n");
  } else {
    io.out(dryRun.join("\n"));
    io.out(renderStylish(results, { source: (p) => sourceOf(checker, entries, p) }));
    for (const e of entries) if (e.done) io.out(`${e.filePath}: ${e.done}\n`);
  }
  const all = entries.flatMap((e) => e.diagnostics).filter((d) => d.severity === "error");
  if (all.some((d) => EXIT_2_CODES.has(d.code))) return 2;
  return all.length > 0 ? 1 : 0;
}

function doneText(mode: LoadMode, skipKernel: boolean): string {
  if (skipKernel) return "compiled by apparmor_parser (not loaded: --skip-kernel)";
  return { replace: "loaded (replaced)", add: "loaded (added)", remove: "removed" }[mode];
}

function fragmentNote(file: string): Diagnostic {
  const start = { offset: 0, line: 1, column: 1 };
  return {
    code: "AA0507", rule: "not-a-profile", severity: "warning", file, range: { start, end: start },
    message: "this file holds rules meant to be included (an abstraction, tunables or a local file), not a profile: nothing to load",
  };
}

function sourceOf(checker: Checker, entries: readonly Entry[], path: string): string | undefined {
  return entries.find((e) => e.filePath === path)?.text ?? sourceText(checker.workspace, path);
}
