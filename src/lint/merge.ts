/**
 * Assembling a lint run from per-file results made elsewhere (worker threads, the cache): the run-wide
 * de-duplication and the unused-suppression report need the whole run, so they happen here, in input order,
 * and give the same output as one Linter linting every file in turn.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { DirectiveSummary, Linter, LintResult } from "./engine.js";

export class LintMerge {
  private readonly seen = new Set<string>();
  private readonly used = new Set<string>();
  private readonly linted: { path: string; directives: readonly DirectiveSummary[] }[] = [];

  constructor(private readonly linter: Linter) {}

  /** A file's result with what earlier files already reported removed. */
  add(r: LintResult): LintResult {
    for (const id of r.used ?? []) this.used.add(id);
    if (r.directives) this.linted.push({ path: r.filePath, directives: r.directives });
    if (!r.keys) return r;
    const diagnostics: Diagnostic[] = [];
    const keys: string[] = [];
    r.diagnostics.forEach((d, i) => {
      const key = r.keys![i]!;
      if (this.seen.has(key)) return;
      this.seen.add(key);
      diagnostics.push(d);
      keys.push(key);
    });
    return { ...r, diagnostics, keys };
  }

  /** Suppressions that silenced nothing anywhere in the run, by linted file. */
  finish(): Map<string, Diagnostic[]> {
    return this.linter.unusedSuppressions(this.linted, this.used);
  }
}
