/**
 * `aaprof check --with-parser`: every checked profile also goes through the real compiler (`-QK`: compile
 * only), and wherever the two verdicts differ the difference is reported as an internal error, because one
 * of them is wrong about the file and aaprof claims to judge as the compiler does.
 *
 * Fragments (abstractions, tunables, local includes) are not complete policy: the compiler cannot judge
 * them on their own, so they are not compared. A compiler too old for a construct the profile uses cannot
 * judge it either; that is a warning, not a disagreement.
 */
import { availableParallelism } from "node:os";
import { internalErrorDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Checker, FileReport } from "../project/checker.js";
import { CODES, ParserBridge, type BridgeOptions, type CompileResult } from "./bridge.js";

export interface ComparedFile {
  report: FileReport;
  /** The file's text as checked. */
  text: string;
}

export interface CompareOptions extends BridgeOptions {
  /** Compilers run at once; the number of CPUs by default. */
  concurrency?: number;
}

export interface CompareSummary {
  /** Extra diagnostics per file path. */
  diagnostics: Map<string, Diagnostic[]>;
  compared: number;
  /** Fragments and unreadable files. */
  skipped: number;
  agreed: number;
  disagreed: number;
  /** The compiler was too old for a construct in the file. */
  tooOld: number;
  /** The compiler could not give a verdict (timeout, crash, not installed). */
  failed: number;
}

function isComplete(report: FileReport): boolean {
  const program = report.program;
  return program !== undefined && !program.profiles.some((p) => p.fragment);
}

export async function compareWithParser(
  checker: Checker, files: readonly ComparedFile[], options: CompareOptions,
): Promise<CompareSummary> {
  const summary: CompareSummary = {
    diagnostics: new Map(), compared: 0, skipped: 0, agreed: 0, disagreed: 0, tooOld: 0, failed: 0,
  };
  const add = (file: string, d: Diagnostic) => {
    const list = summary.diagnostics.get(file) ?? [];
    list.push(d);
    summary.diagnostics.set(file, list);
  };
  const bridge = new ParserBridge(checker, options);
  const queue = files.filter((f) => {
    const ok = isComplete(f.report);
    if (!ok) summary.skipped++;
    return ok;
  });
  // Every message names the compiler's version; ask once, up front, rather than only after a rejection.
  const version = queue.length > 0 ? await bridge.version() : null;
  let next = 0;
  let stopped = false;
  const worker = async () => {
    while (!stopped && next < queue.length) {
      const file = queue[next++]!;
      let result: CompileResult;
      try {
        result = await bridge.compile({
          report: file.report, text: file.text, mode: "replace", skipKernel: true, normalize: false,
        });
      } catch (err) {
        summary.failed++;
        add(file.report.filePath, internalErrorDiagnostic(file.report.filePath, err));
        continue;
      }
      summary.compared++;
      if (result.fatal) {
        // The same problem would meet every file: say it once.
        if (!stopped) add(file.report.filePath, result.diagnostics[0]!);
        stopped = true;
        summary.failed++;
        return;
      }
      const verdict = judge(file.report, { ...result, version: result.version ?? version });
      if (verdict.kind === "agree") summary.agreed++;
      else if (verdict.kind === "too-old") summary.tooOld++;
      else if (verdict.kind === "failed") summary.failed++;
      else summary.disagreed++;
      for (const d of verdict.diagnostics) add(file.report.filePath, d);
    }
  };
  const lanes = Math.max(1, Math.min(options.concurrency ?? availableParallelism(), queue.length));
  await Promise.all(Array.from({ length: lanes }, worker));
  return summary;
}

type Verdict =
  | { kind: "agree"; diagnostics: [] }
  | { kind: "too-old" | "failed" | "disagree"; diagnostics: Diagnostic[] };

function judge(report: FileReport, result: CompileResult): Verdict {
  const ours = report.diagnostics.filter((d) => d.severity === "error");
  const who = result.version ? `apparmor_parser ${result.version}` : "apparmor_parser";
  if (result.status === "failed") return { kind: "failed", diagnostics: result.diagnostics };
  if (result.status === "ok") {
    if (ours.length === 0) return { kind: "agree", diagnostics: [] };
    const first = ours[0]!;
    return { kind: "disagree", diagnostics: [disagreement(
      first.file, first.range,
      `internal error: aaprof and ${who} disagree: aaprof reports ${count(ours.length, "error")} `
        + `(first: ${first.message}) but ${who} accepts the file`,
      first.related,
    )] };
  }
  if (ours.length > 0) return { kind: "agree", diagnostics: [] };
  const theirs = result.diagnostics.find((d) => d.severity === "error")!;
  if (result.tooNew) {
    return { kind: "too-old", diagnostics: [{ ...theirs, severity: "warning", message: `${theirs.message} (not compared)` }] };
  }
  return { kind: "disagree", diagnostics: [disagreement(
    theirs.file, theirs.range,
    `internal error: aaprof and ${who} disagree: aaprof accepts the file but ${who} rejects it: `
      + theirs.message.replace(/^apparmor_parser: /, ""),
    theirs.related,
  )] };
}

function disagreement(file: string, range: Diagnostic["range"], message: string, related: Diagnostic["related"]): Diagnostic {
  const [code, rule] = CODES.disagreement;
  const d: Diagnostic = {
    code, rule, severity: "error", message, file, range,
    help: "one of the two is wrong about this file: please report it to aaprof with the file and the compiler's version",
  };
  if (related) d.related = related;
  return d;
}


function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
