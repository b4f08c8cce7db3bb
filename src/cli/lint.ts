/**
 * `aaprof lint`, `aaprof rules` and `aaprof explain`: the linter over files and directories, its rule
 * catalogue, and one rule's documentation.
 */
import { readFileSync, statSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { Option, type Command } from "commander";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { renderGithub } from "../diagnostics/render/github.js";
import { renderJson, type FileResult } from "../diagnostics/render/json.js";
import { renderSarif } from "../diagnostics/render/sarif.js";
import { renderStylish } from "../diagnostics/render/stylish.js";
import { catalogue } from "../lint/catalogue.js";
import { CONFIG_FILE_NAMES } from "../lint/config.js";
import { explainText, sarifDescriptor } from "../lint/docs.js";
import { Linter, type LinterOptions, type LintResult } from "../lint/engine.js";
import { PRESET_NAMES, type LintRule, type PresetName } from "../lint/rule.js";
import { sortDiagnostics } from "./check.js";
import { describeIo, expandInputs } from "./inputs.js";
import { writeFileAtomic } from "../project/write.js";
import { ResultCache } from "../project/cache.js";
import type { PoolHandler } from "../project/pool.js";
import { LintMerge } from "../lint/merge.js";
import { applyBaseline } from "./baseline.js";
import { runOverFiles, type FileOutcome } from "./run-files.js";
import {
  collect, includeBases, includeRoots, internalError, ioError, treeRunOptions, type TreeRunCliOptions, wholeNumber, type CommandContext, type Io,
} from "./shared.js";
import { VERSION } from "./version.js";

export interface LintCliOptions extends TreeRunCliOptions {
  include: string[];
  format: "stylish" | "json" | "sarif" | "github";
  config?: string;
  preset?: PresetName;
  fix?: boolean;
  maxWarnings?: number;
  color?: boolean;
  allowOutsideIncludes?: boolean;
}

/** A worker thread's side of a parallel lint: one Linter for its slice, one result per file. */
export const lintWorker: PoolHandler = (shared) => {
  const linter = new Linter(shared as LinterOptions);
  return (filePath) => lintOne(linter, filePath as string);
};

/** One file's lint result as plain data (it may cross threads or go to the cache). */
function lintOne(linter: Linter, filePath: string): LintResult & FileOutcome {
  try {
    const r = linter.lintFile(filePath);
    return r.internalError ? { ...r, internal: true } : r;
  } catch (err) {
    return { filePath, diagnostics: [internalError(filePath, err)], internal: true, internalError: true };
  }
}


export function registerLint(program: Command, ctx: CommandContext): void {
  const command = program
    .command("lint")
    .description("find over-broad and risky rules (exit 1 on errors, or on more warnings than --max-warnings)")
    .argument("<paths...>", "profile files or directories ('-' reads stdin)")
    .option("-I, --include <dir>", "include base for <...> includes, searched in order (repeatable)", collect, [])
    .addOption(new Option("-f, --format <format>", "output format").choices(["stylish", "json", "sarif", "github"]).default("stylish"))
    .option("-c, --config <file>", "use this configuration instead of the aaprof.config.json / .aaprofrc.json found upward from each file")
    .addOption(new Option("--preset <name>", "use this preset instead of the configuration's `extends`").choices([...PRESET_NAMES]))
    .option("--fix", "apply the fixes that keep the granted permissions exactly the same, and write the files")
    .option("--max-warnings <n>", "exit 1 when there are more warnings than this", wholeNumber(0))
    .option("--allow-outside-includes", "follow includes outside the include bases and the checked tree (as apparmor_parser does)");
  treeRunOptions(command)
    .action(async (paths: string[], opts: LintCliOptions) =>
      ctx.setExitCode(await lintCommand(paths, opts, ctx.io, ctx.workerScript)));

  program
    .command("rules")
    .description("list the lint rules: code, name, severity in each preset, whether --fix can fix them")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
    .action((opts: { format: "text" | "json" }) => {
      ctx.io.out(opts.format === "json" ? rulesJson(catalogue.rules) + "\n" : rulesText(catalogue.rules));
      ctx.setExitCode(0);
    });

  program
    .command("explain")
    .description("print a lint rule's documentation: what it finds, why it matters, a bad and a good example")
    .argument("<rule>", "a rule code (AA3101) or name (file-no-global-write)")
    .action((key: string) => {
      const rule = catalogue.find(key);
      if (!rule) {
        ctx.io.err(`aaprof: no lint rule '${key}' (see 'aaprof rules')\n`);
        ctx.setExitCode(2);
        return;
      }
      ctx.io.out(explainText(rule));
      ctx.setExitCode(0);
    });
}

export async function lintCommand(paths: string[], opts: LintCliOptions, io: Io, workerScript?: string): Promise<number> {
  const cwd = process.cwd();
  const fromStdin = paths.includes("-");
  const inputs = paths.filter((p) => p !== "-");
  const expanded = expandInputs(inputs);
  // Configuration files sit among the profiles they configure; they are not profile text.
  const files = expanded.files.filter((f) => !(CONFIG_FILE_NAMES as readonly string[]).includes(basename(f.path)));
  const roots = new Map(files.map((f) => [f.path, f.root]));
  const errors = expanded.errors;
  const inputDirs = inputs.filter((p) => {
    try {
      return statSync(p).isDirectory();
    } catch {
      return false;
    }
  });
  // --fix rewrites files that later files may include, so it keeps to one thread and no cache.
  const cached = Boolean(opts.cache) && !opts.fix;
  const options: LinterOptions = {
    cwd, includeDirs: opts.include, inputDirs,
    ...(opts.allowOutsideIncludes ? {} : { includeRoots: includeRoots(paths, includeBases(paths, opts.include), cwd) }),
    ...(opts.config ? { configFile: opts.config } : {}),
    ...(opts.preset ? { preset: opts.preset } : {}),
    ...(cached ? { independent: true } : {}),
  };
  const linter = new Linter(options);
  const merge = new LintMerge(linter);
  const results: FileResult[] = [];
  let fatal = false;
  // With --fix on stdin the fixed text goes to stdout, so the report goes to stderr.
  let report = (text: string) => io.out(text);
  const accept = (r: LintResult) => {
    if (r.ignored) return;
    if (r.internalError || r.configError) fatal = true;
    const merged = merge.add(r);
    results.push({ filePath: merged.filePath, diagnostics: merged.diagnostics });
  };
  const run = (filePath: string, text?: string) => {
    try {
      const r = linter.lintFile(filePath, { ...(text !== undefined ? { text } : {}), fix: Boolean(opts.fix) });
      if (r.output !== undefined) {
        if (text !== undefined) {
          io.out(r.output);
          report = (t) => io.err(t);
        }
        else {
          try {
            writeFileAtomic(filePath, r.output, { root: roots.get(filePath) ?? dirname(filePath) });
          } catch (err) {
            const why = err instanceof Error && !("code" in err) ? err.message : describeIo(err);
            r.diagnostics.push(ioError(filePath, `cannot write the fixed file: ${why}`));
          }
        }
      }
      accept(r);
    } catch (err) {
      fatal = true;
      results.push({ filePath, diagnostics: [internalError(filePath, err)] });
    }
  };
  if (fromStdin) run("<stdin>", io.stdin());
  if (opts.fix) {
    for (const f of files) run(f.path);
  } else {
    const cache = cached
      ? ResultCache.open(resolve(cwd, opts.cacheLocation ?? ".aaprofcache"), JSON.stringify(["lint", VERSION, options]))
      : undefined;
    const outcomes = await runOverFiles(files.map((f) => f.path), {
      kind: "lint", shared: options, verb: "linted", cache, workers: opts.workers, workerScript,
      local: (f) => lintOne(linter, f),
    });
    for (const r of outcomes) accept(r);
  }
  for (const e of errors) results.push({ filePath: e.path, diagnostics: [ioError(e.path, e.message)] });
  try {
    for (const [file, ds] of merge.finish()) {
      const r = results.find((x) => x.filePath === file);
      if (r) r.diagnostics.push(...ds);
    }
  } catch (err) {
    fatal = true;
    results.push({ filePath: "<run>", diagnostics: [internalError("<run>", err)] });
  }
  for (const r of results) r.diagnostics = sortDiagnostics(r.diagnostics);
  if (opts.baseline && applyBaseline(results, opts.baseline, !!opts.updateBaseline, cwd, (p) => sourceOf(p), io) < 0) {
    return 2;
  }

  const all = results.flatMap((r) => r.diagnostics);
  const errorCount = all.filter((d) => d.severity === "error").length;
  const warningCount = all.length - errorCount;
  switch (opts.format) {
    case "json":
      report(renderJson(results) + "\n");
      break;
    case "sarif":
      report(renderSarif(results, {
        toolName: "aaprof", version: VERSION, baseDir: cwd,
        rules: catalogue.rules.map(sarifDescriptor),
      }) + "\n");
      break;
    case "github":
      report(renderGithub(results, { baseDir: cwd }));
      break;
    default: {
      report(renderStylish(results.filter((r) => r.diagnostics.length), {
        source: (p) => sourceOf(p),
        ...(opts.color !== undefined ? { color: opts.color } : {}),
      }));
      report(footer(all, opts));
    }
  }
  if (fatal) return 2;
  if (errorCount > 0) return 1;
  if (opts.maxWarnings !== undefined && warningCount > opts.maxWarnings) {
    if (opts.format === "stylish") report(`aaprof found too many warnings (maximum: ${opts.maxWarnings}).\n`);
    return 1;
  }
  return 0;
}

function footer(all: readonly Diagnostic[], opts: LintCliOptions): string {
  const fixable = all.filter((d) => d.fix).length;
  const suggestions = all.filter((d) => d.suggestions?.length).length;
  const lines: string[] = [];
  if (fixable && !opts.fix) lines.push(`${fixable} problem${fixable === 1 ? "" : "s"} can be fixed with \`aaprof lint --fix\` (the granted permissions stay exactly the same).`);
  if (suggestions) lines.push(`${suggestions} problem${suggestions === 1 ? " has" : "s have"} suggestions that change access; they are shown as help and never applied.`);
  return lines.length ? lines.join("\n") + "\n" : "";
}

function sourceOf(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}


function severityIn(rule: LintRule, preset: PresetName): string {
  const e = rule.meta.presets[preset];
  return e === undefined ? "off" : Array.isArray(e) ? e[0] : e;
}

function fixable(rule: LintRule): string {
  return rule.meta.fixable === "safe" ? "fix" : rule.meta.fixable === "suggestion" ? "suggest" : "";
}

export function rulesText(rules: readonly LintRule[]): string {
  const header = ["code", "name", ...PRESET_NAMES, "fixable"];
  const rows = rules.map((r) => [r.meta.code, r.meta.name, ...PRESET_NAMES.map((p) => severityIn(r, p)), fixable(r)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  const out = [line(header), ...rows.map(line)];
  out.push("", `${rules.length} rules. 'aaprof explain <code|name>' prints a rule's documentation.`);
  return out.join("\n") + "\n";
}

export function rulesJson(rules: readonly LintRule[]): string {
  return JSON.stringify(rules.map((r) => ({
    code: r.meta.code,
    name: r.meta.name,
    category: r.meta.category,
    severity: severityIn(r, "recommended"),
    presets: Object.fromEntries(PRESET_NAMES.map((p) => [p, severityIn(r, p)])),
    fixable: r.meta.fixable,
    summary: r.meta.docs.summary,
  })), null, 2);
}
