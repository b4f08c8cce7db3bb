/**
 * `aaprof check`: the compiler front end over files and directories.
 */
import { resolve } from "node:path";
import { Option, type Command } from "commander";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { renderJson, type FileResult } from "../diagnostics/render/json.js";
import { renderStylish } from "../diagnostics/render/stylish.js";
import { compareWithParser, EXIT_2_CODES, type ComparedFile } from "../load/index.js";
import { Checker, type CheckOptions, type FileReport } from "../project/checker.js";
import type { PoolHandler } from "../project/pool.js";
import { dependenciesOf, ResultCache } from "../project/cache.js";
import { applyBaseline } from "./baseline.js";
import { runOverFiles, type FileOutcome } from "./run-files.js";
import { VERSION } from "./version.js";
import {
  collect, includeBases, includeRoots, internalError, ioError, treeRunOptions, type TreeRunCliOptions, sourceText, type CommandContext, type Io,
} from "./shared.js";
import { expandInputs } from "./inputs.js";

export function registerCheck(program: Command, ctx: CommandContext): void {
  const command = program
    .command("check")
    .description("report what makes profiles invalid, as apparmor_parser would (exit 1 when any file has an error)")
    .argument("<paths...>", "profile files or directories ('-' reads stdin)")
    .option("-I, --include <dir>", "include base for <...> includes, searched in order (repeatable)", collect, [])
    .addOption(new Option("-f, --format <format>", "output format").choices(["stylish", "json"]).default("stylish"))
    .option("--allow-outside-includes", "follow includes outside the include bases and the checked tree (as apparmor_parser does)")
    .option("--with-parser", "also compile each profile with apparmor_parser -QK; a different verdict is an internal error")
    .option("--parser <path>", "the apparmor_parser for --with-parser (default: /sbin, /usr/sbin, then PATH)");
  treeRunOptions(command)
    .action(async (paths: string[], opts: CheckCliOptions) =>
      ctx.setExitCode(await checkCommand(paths, opts, ctx.io, ctx.workerScript)));
}

export interface CheckCliOptions extends TreeRunCliOptions {
  include: string[];
  format: "stylish" | "json";
  allowOutsideIncludes?: boolean;
  withParser?: boolean;
  parser?: string;
}


/** A worker thread's side of a parallel check: one Checker for its slice, one result per file. */
export const checkWorker: PoolHandler = (shared) => {
  const checker = new Checker(shared as CheckOptions);
  // Only plain data crosses threads: the program stays behind.
  return (filePath) => plain(checkOne(checker, filePath as string));
};

function plain(r: FileOutcome & { report?: FileReport }): FileOutcome {
  const { report: _report, ...rest } = r;
  return rest;
}

function checkOne(checker: Checker, filePath: string, text?: string): FileOutcome & { report?: FileReport } {
  try {
    const report = checker.checkFile(filePath, text);
    const outcome: FileOutcome & { report?: FileReport } = { filePath, diagnostics: sortDiagnostics(report.diagnostics), report };
    if (report.program) outcome.deps = dependenciesOf(report.program);
    return outcome;
  } catch (err) {
    return { filePath, diagnostics: [internalError(filePath, err)], internal: true };
  }
}

export async function checkCommand(paths: string[], opts: CheckCliOptions, io: Io, workerScript?: string): Promise<number> {
  const fromStdin = paths.includes("-");
  const { files, errors } = expandInputs(paths.filter((p) => p !== "-"));
  const includeDirs = includeBases(paths, opts.include);
  const cwd = process.cwd();
  const options: CheckOptions = {
    includeDirs, cwd, fragments: "auto",
    ...(opts.allowOutsideIncludes ? {} : { includeRoots: includeRoots(paths, includeDirs, cwd) }),
  };
  const checker = new Checker(options);
  const results: FileResult[] = [];
  const compared: ComparedFile[] = [];
  let internal = false;
  const add = (r: FileOutcome & { report?: FileReport }) => {
    if (r.internal) internal = true;
    results.push({ filePath: r.filePath, diagnostics: r.diagnostics });
    if (opts.withParser && r.report?.text !== undefined) compared.push({ report: r.report, text: r.report.text });
  };
  if (fromStdin) add(checkOne(checker, "<stdin>", io.stdin()));
  // The apparmor_parser comparison needs each file's program, which stays in the thread that made it.
  const parallel = !opts.withParser;
  const cache = opts.cache && !opts.withParser
    ? ResultCache.open(resolve(cwd, opts.cacheLocation ?? ".aaprofcache"), JSON.stringify(["check", VERSION, options]))
    : undefined;
  const outcomes = await runOverFiles(files.map((f) => f.path), {
    kind: "check", shared: options, verb: "checked", cache, workers: opts.workers,
    workerScript: parallel ? workerScript : undefined,
    // The program is only needed for the apparmor_parser comparison; otherwise results stay plain data.
    local: (f) => (opts.withParser ? checkOne(checker, f) : plain(checkOne(checker, f))),
  });
  for (const r of outcomes) add(r);
  for (const e of errors) {
    results.push({ filePath: e.path, diagnostics: [ioError(e.path, e.message)] });
  }
  if (opts.withParser) {
    const summary = await compareWithParser(checker, compared, { includeDirs, cwd, ...(opts.parser ? { parser: opts.parser } : {}) });
    for (const r of results) {
      const extra = summary.diagnostics.get(r.filePath) ?? [];
      r.diagnostics.push(...extra);
      if (extra.some((d) => d.severity === "error" && EXIT_2_CODES.has(d.code))) internal = true;
    }
  }
  const source = (p: string) => sourceText(checker.workspace, p);
  const baselined = opts.baseline ? applyBaseline(results, opts.baseline, !!opts.updateBaseline, cwd, source, io) : 0;
  if (baselined < 0) return 2;
  const output = opts.format === "json"
    ? renderJson(results) + "\n"
    : renderStylish(results, { source });
  io.out(output);
  if (internal) return 2;
  return results.some((r) => r.diagnostics.some((d) => d.severity === "error")) ? 1 : 0;
}



/** Own-file problems first, in position order, then those reached through includes. */
export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => {
    const ia = a.related?.length ? 1 : 0;
    const ib = b.related?.length ? 1 : 0;
    if (ia !== ib) return ia - ib;
    return a.range.start.offset - b.range.start.offset;
  });
}
