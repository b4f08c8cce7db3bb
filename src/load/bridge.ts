/**
 * The apparmor_parser bridge: hands a checked profile to the real compiler and reports what it says at
 * the user's own file, line and column, in the compiler's own words.
 *
 * Environment problems (no compiler, one that cannot run, no AppArmor in the kernel, no permission, a
 * compiler that hangs, one too old for the profile) each get their own diagnostic, so the CLI can exit 2
 * with a sentence that says what to do, instead of relaying a bison message.
 */
import { existsSync, readFileSync } from "node:fs";
import type { File, Range } from "../ast/nodes.js";
import { parse } from "../ast/parse.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { formatText } from "../format/index.js";
import { SYSTEM_INCLUDE_BASE } from "../resolve/includes.js";
import type { Checker, FileReport } from "../project/checker.js";
import { parseCompilerOutput, type CompilerMessage, type EnvironmentProblem } from "./messages.js";
import { constructUses, isTooNew, tooNewAt, type ConstructUse } from "./newer.js";
import {
  DEFAULT_TIMEOUT_MS, findParser, parserVersion, runParser, shellQuote, type ParserLookup, type RunOutcome,
} from "./process.js";
import { SourceMap, type Place } from "./source-map.js";

export type LoadMode = "replace" | "add" | "remove";

/** How the compiler is named on its own command line for the text it reads from standard input. */
export const STDIN_NAME = "/dev/stdin";

export const KERNEL_ENABLED_PATH = "/sys/module/apparmor/parameters/enabled";

const MODE_FLAG: Record<LoadMode, string> = { replace: "-r", add: "-a", remove: "-R" };

export const CODES = {
  notInstalled: ["AA0501", "parser-not-installed"],
  notExecutable: ["AA0502", "parser-not-executable"],
  kernelDisabled: ["AA0503", "apparmor-disabled"],
  notPermitted: ["AA0504", "not-permitted"],
  timeout: ["AA0505", "parser-timeout"],
  failed: ["AA0506", "parser-failed"],
  compiler: ["AA2900", "apparmor-parser"],
  tooOld: ["AA2901", "parser-too-old"],
  disagreement: ["AA9998", "parser-disagreement"],
} as const;

export type CodeKey = keyof typeof CODES;

/** Codes of problems with the environment or with aaprof itself: exit status 2 rather than 1. */
export const EXIT_2_CODES: ReadonlySet<string> = new Set([
  CODES.notInstalled[0], CODES.notExecutable[0], CODES.kernelDisabled[0], CODES.notPermitted[0],
  CODES.timeout[0], CODES.failed[0], CODES.tooOld[0], CODES.disagreement[0], "AA9999",
]);

export interface BridgeOptions {
  /** `--parser PATH`: the compiler to run instead of the installed one. */
  parser?: string;
  /** Include bases, passed on as `-I` in order. */
  includeDirs: readonly string[];
  /** Where relative `include "…"` resolve; the compiler runs here. */
  cwd: string;
  timeoutMs?: number;
  /** The PATH to search for apparmor_parser; process.env.PATH by default. */
  searchPath?: string;
  /** Tried before PATH; /sbin and /usr/sbin by default. */
  defaultLocations?: readonly string[];
  /** Where the kernel says whether AppArmor is on. */
  kernelEnabledPath?: string;
}

export interface CompileRequest {
  report: FileReport;
  /** The checked file's text as written. */
  text: string;
  mode: LoadMode;
  /** `-QK`: compile without loading and without the cache; needs neither root nor an AppArmor kernel. */
  skipKernel: boolean;
  /** Send the formatter's normalized text (load) rather than the text as written (check --with-parser). */
  normalize: boolean;
}

export interface Invocation {
  parser: string;
  args: string[];
  /** What goes to the compiler's standard input. */
  text: string;
}

export interface CompileResult {
  filePath: string;
  /** "ok": the compiler accepted (and loaded, unless skipKernel); "rejected": it reported errors. */
  status: "ok" | "rejected" | "failed";
  diagnostics: Diagnostic[];
  /** The compiler's errors as it wrote them, for comparisons. */
  compilerErrors: CompilerMessage[];
  /** An environment problem that every further run would meet too. */
  fatal: boolean;
  invocation: Invocation | null;
  /** The construct the compiler was too old for, when that explains its error. */
  tooNew: ConstructUse | null;
  version: string | null;
}

function diag(key: CodeKey, file: string, range: Range, message: string, help?: string): Diagnostic {
  const [code, rule] = CODES[key];
  const d: Diagnostic = { code, rule, severity: "error", message, file, range };
  if (help) d.help = help;
  return d;
}

const START: Range = { start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } };

export const INSTALL_HELP =
  "apparmor_parser comes with the `apparmor` package on Debian and Ubuntu (`apt install apparmor`) and "
  + "`apparmor-parser` on openSUSE; or name one with --parser PATH";

/** A diagnostic for a compiler that cannot be found or run, or null when it can. */
export function lookupProblem(lookup: ParserLookup, file: string): Diagnostic | null {
  if (lookup.ok) return null;
  if (lookup.reason === "not-installed") {
    const message = lookup.path
      ? `apparmor_parser not found: ${lookup.path} does not exist`
      : "apparmor_parser is not installed (looked in /sbin, /usr/sbin and PATH)";
    return diag("notInstalled", file, START, message, INSTALL_HELP);
  }
  return diag(
    "notExecutable", file, START, `apparmor_parser at ${lookup.path} cannot be run: ${lookup.detail}`,
    "point --parser at an executable apparmor_parser (or make this one executable)",
  );
}

export class ParserBridge {
  private lookupResult: ParserLookup | undefined;
  private versionPromise: Promise<string | null> | undefined;

  constructor(private readonly checker: Checker, readonly options: BridgeOptions) {}

  get timeoutMs(): number {
    return this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  lookup(): ParserLookup {
    const o = this.options;
    this.lookupResult ??= findParser({
      ...(o.parser !== undefined ? { explicit: o.parser } : {}),
      ...(o.searchPath !== undefined ? { searchPath: o.searchPath } : {}),
      ...(o.defaultLocations !== undefined ? { defaultLocations: o.defaultLocations } : {}),
    });
    return this.lookupResult;
  }

  /** The compiler's version, asked once. */
  version(): Promise<string | null> {
    const found = this.lookup();
    if (!found.ok) return Promise.resolve(null);
    this.versionPromise ??= parserVersion(found.path, Math.min(this.timeoutMs, 10_000));
    return this.versionPromise;
  }

  /** Loading needs AppArmor in the running kernel; null when it is there. */
  kernelProblem(file: string): Diagnostic | null {
    const path = this.options.kernelEnabledPath ?? KERNEL_ENABLED_PATH;
    let value: string;
    try {
      value = readFileSync(path, "utf8").trim();
    } catch {
      return diag(
        "kernelDisabled", file, START,
        `AppArmor is not enabled in this kernel (${path} does not exist): profiles cannot be loaded`,
        "boot a kernel with AppArmor (apparmor=1 security=apparmor); --skip-kernel compiles without loading",
      );
    }
    if (/^[Yy1]/.test(value)) return null;
    return diag(
      "kernelDisabled", file, START, `AppArmor is disabled in this kernel (${path} says ${value || "nothing"})`,
      "boot with apparmor=1 security=apparmor; --skip-kernel compiles without loading",
    );
  }

  /** The text that goes to the compiler: the formatter's normalized form, or the text as written. */
  async textFor(req: Pick<CompileRequest, "text" | "normalize" | "report">): Promise<string> {
    if (!req.normalize) return req.text;
    // A refusal (or a crash) here would be a formatter bug on a file that checks clean; the text as written
    // is still what the user means, so it goes instead.
    try {
      const formatted = await formatText(req.text, { filePath: req.report.filePath });
      return formatted.ok ? formatted.text : req.text;
    } catch {
      return req.text;
    }
  }

  /** The exact command; `parser` is the path found, or the bare name when none was. */
  async invocation(req: CompileRequest): Promise<Invocation> {
    const found = this.lookup();
    const parser = found.ok ? found.path : this.options.parser ?? "apparmor_parser";
    const args = [MODE_FLAG[req.mode]];
    // An anonymous input has no cache entry of its own: reading or writing one under "stdin" would be wrong.
    args.push(req.skipKernel ? "-QK" : "-K");
    // The compiler searches its own base after any -I; naming it again would only lengthen the command.
    for (const d of this.options.includeDirs) if (d !== SYSTEM_INCLUDE_BASE) args.push("-I", d);
    args.push(STDIN_NAME);
    return { parser, args, text: await this.textFor(req) };
  }

  async compile(req: CompileRequest): Promise<CompileResult> {
    const filePath = req.report.filePath;
    const result: CompileResult = {
      filePath, status: "failed", diagnostics: [], compilerErrors: [], fatal: false, invocation: null,
      tooNew: null, version: null,
    };
    const problem = lookupProblem(this.lookup(), filePath);
    if (problem) return { ...result, diagnostics: [problem], fatal: true };
    if (!req.skipKernel) {
      const kernel = this.kernelProblem(filePath);
      if (kernel) return { ...result, diagnostics: [kernel], fatal: true };
    }
    const inv = await this.invocation(req);
    result.invocation = inv;
    const outcome = await runParser({
      parser: inv.parser, args: inv.args, input: inv.text, cwd: this.options.cwd, timeoutMs: this.timeoutMs,
    });
    return this.interpret(req, inv, outcome, result);
  }

  private async interpret(req: CompileRequest, inv: Invocation, outcome: RunOutcome, result: CompileResult): Promise<CompileResult> {
    const filePath = req.report.filePath;
    const fail = (d: Diagnostic, fatal: boolean): CompileResult => ({ ...result, diagnostics: [d], fatal });
    switch (outcome.kind) {
      case "spawn-failed": {
        // Node says ENOENT for a missing working directory too; only a missing program is "not installed".
        if (outcome.errno === "ENOENT" && !existsSync(inv.parser)) {
          return fail(diag("notInstalled", filePath, START, `apparmor_parser not found: ${inv.parser}`, INSTALL_HELP), true);
        }
        if (outcome.errno === "EACCES" || outcome.errno === "ENOEXEC" || outcome.errno === "EPERM") {
          return fail(diag("notExecutable", filePath, START, `apparmor_parser at ${inv.parser} cannot be run: ${outcome.message}`), true);
        }
        return fail(diag("failed", filePath, START, `apparmor_parser could not be started: ${outcome.message}`), true);
      }
      case "timeout":
        return fail(diag(
          "timeout", filePath, START,
          `apparmor_parser did not finish within ${formatSeconds(this.timeoutMs)} and was stopped`,
          "a very large profile can take long to compile: raise --timeout; otherwise the compiler is stuck",
        ), true);
      case "signaled":
        return fail(diag(
          "failed", filePath, START, `apparmor_parser was killed by ${outcome.signal}${lastWords(outcome.stderr)}`,
          "this is a crash of apparmor_parser itself",
        ), false);
      case "exited":
        break;
    }
    const parsed = parseCompilerOutput(outcome.stderr, inv.parser);
    const map = new SourceMap({
      workspace: this.checker.workspace, program: req.report.program, root: filePath, rootText: req.text,
      sentText: inv.text, inputName: STDIN_NAME, cwd: this.options.cwd,
    });
    const warnings = dedupe(parsed.warnings.map((m) => this.messageDiagnostic(m, map, "warning")));
    if (outcome.code === 0) return { ...result, status: "ok", diagnostics: warnings };
    if (parsed.environment) {
      return fail(environmentDiagnostic(parsed.environment, filePath), true);
    }
    result.compilerErrors = parsed.errors;
    if (parsed.errors.length === 0) {
      return fail(diag(
        "failed", filePath, START, `apparmor_parser failed (exit status ${outcome.code})${lastWords(outcome.stderr)}`,
      ), false);
    }
    const errors = this.errorDiagnostics(parsed.errors, map);
    result.version = await this.version();
    const first = errors[0]!;
    const tooNew = this.tooNewAt(req, first.place, result.version);
    if (tooNew) {
      result.tooNew = tooNew;
      const who = result.version ? `apparmor_parser ${result.version}` : "this apparmor_parser";
      const d = diag(
        "tooOld", first.place.file, tooNew.range,
        `${who} is too old for ${tooNew.construct} (AppArmor ${tooNew.since} or later); it says: ${first.diagnostic.message.replace(/^apparmor_parser: /, "")}`,
        `install apparmor_parser ${tooNew.since} or later, or do without ${tooNew.construct}`,
      );
      if (first.diagnostic.related) d.related = first.diagnostic.related;
      return { ...result, status: "rejected", diagnostics: [d, ...errors.slice(1).map((e) => e.diagnostic), ...warnings] };
    }
    const also = this.alsoUses(req, result.version);
    if (also) first.diagnostic.help = also;
    return { ...result, status: "rejected", diagnostics: [...errors.map((e) => e.diagnostic), ...warnings] };
  }

  /**
   * One diagnostic per error that has a place; lines without one (the compiler's follow-up lines, such as
   * "ERROR processing regexs for profile p, failed to load") join the first, so nothing it said is lost.
   */
  private errorDiagnostics(errors: readonly CompilerMessage[], map: SourceMap): { diagnostic: Diagnostic; place: Place }[] {
    const located = errors.filter((e) => e.line !== null);
    const loose = errors.filter((e) => e.line === null);
    const out = located.map((e) => {
      const place = map.line(e.file, e.line!);
      return { diagnostic: placed(place, `apparmor_parser: ${e.text}`, "error"), place };
    });
    if (loose.length === 0) return out;
    const words = loose.map((e) => e.text).join("; ");
    if (out.length > 0) {
      out[0]!.diagnostic.message += ` (it also said: ${words})`;
      return out;
    }
    const place = loose.map((e) => placeOf(e, map)).find((p) => p !== null) ?? map.fallback();
    return [{ diagnostic: placed(place, `apparmor_parser: ${words}`, "error"), place }];
  }

  private messageDiagnostic(m: CompilerMessage, map: SourceMap, severity: "error" | "warning"): Diagnostic {
    const place = m.line !== null ? map.line(m.file, m.line) : placeOf(m, map) ?? map.fallback();
    return placed(place, `apparmor_parser: ${m.text}`, severity);
  }

  private tooNewAt(req: CompileRequest, place: Place, version: string | null): ConstructUse | null {
    if (!place.exact) return null;
    const ast = this.astOf(req, place.file);
    return ast ? tooNewAt(constructUses(ast), place.range.start.line, version) : null;
  }

  /** Said when the compiler's error is not on a new construct, but the profile has one elsewhere. */
  private alsoUses(req: CompileRequest, version: string | null): string | undefined {
    const files = req.report.program?.files ?? [req.report.filePath];
    for (const file of files) {
      const ast = this.astOf(req, file);
      const use = ast ? constructUses(ast).find((u) => isTooNew(u, version)) : undefined;
      if (!use) continue;
      const who = version ? `apparmor_parser ${version}` : "this apparmor_parser";
      return `${file}:${use.range.start.line} uses ${use.construct}, which needs AppArmor ${use.since} or later: `
        + `${who} may not understand it`;
    }
    return undefined;
  }

  private astOf(req: CompileRequest, file: string): File | null {
    if (file === req.report.filePath) return req.report.program?.ast ?? parse(req.text, file).ast;
    const loaded = this.checker.workspace.load(file);
    return loaded.ok ? loaded.parsed.ast : null;
  }
}

function placed(place: Place, message: string, severity: "error" | "warning"): Diagnostic {
  const [code, rule] = CODES.compiler;
  const text = place.note ? `${message} (${place.note})` : message;
  const d: Diagnostic = { code, rule, severity, message: text, file: place.file, range: place.range };
  if (place.related) d.related = place.related;
  return d;
}

function placeOf(m: CompilerMessage, map: SourceMap): Place | null {
  if (m.rulePath !== null) {
    const p = map.rule(m.rulePath, m.profile);
    if (p) return p;
  }
  if (m.variable !== null) {
    const p = map.variable(m.variable);
    if (p) return p;
  }
  if (m.profile !== null) return map.profile(m.profile);
  return null;
}

function environmentDiagnostic(problem: EnvironmentProblem, file: string): Diagnostic {
  if (problem.kind === "not-permitted") {
    return diag(
      "notPermitted", file, START, `not permitted to load profiles: apparmor_parser says: ${problem.text}`,
      "loading needs root (CAP_MAC_ADMIN) from an unconfined process: run it with sudo; --skip-kernel compiles without loading",
    );
  }
  return diag(
    "kernelDisabled", file, START, `AppArmor is not available in this kernel: apparmor_parser says: ${problem.text}`,
    "loading needs a kernel with AppArmor enabled and securityfs mounted; --skip-kernel compiles without loading",
  );
}

/** Warnings such as "signal rules not enforced" come once per rule; one of each is enough. */
function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const key = `${d.file}:${d.range.start.offset}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function lastWords(stderr: string): string {
  const lines = stderr.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !/^Cache read\/write disabled/.test(l));
  const tail = lines.slice(-3).join(" / ");
  return tail ? `: ${tail.length > 500 ? tail.slice(0, 500) + "…" : tail}` : "";
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** The command and its standard input as a shell would take them: for --dry-run, never run through one. */
export function describeInvocation(inv: Invocation): string {
  let marker = "AAPROF_EOF";
  const lines = new Set(inv.text.split("\n"));
  for (let i = 1; lines.has(marker); i++) marker = `AAPROF_EOF_${i}`;
  const body = inv.text.endsWith("\n") || inv.text === "" ? inv.text : inv.text + "\n";
  return `${[inv.parser, ...inv.args].map(shellQuote).join(" ")} <<'${marker}'\n${body}${marker}\n`;
}
