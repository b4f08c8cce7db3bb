/**
 * The contract between the check phase and its checks. A check is a set of visitors over the resolved
 * program; it reports through the context and never throws.
 */
import type { Range, Word } from "../ast/nodes.js";
import type { Diagnostic, Severity } from "../diagnostics/diagnostic.js";
import type { Origin, Program, ResolvedProfile, ResolvedRule } from "../resolve/model.js";

export interface CheckContext {
  readonly program: Program;
  /** Reports a problem at `range` in the file `origin` names; the include chain is attached for you. */
  report(origin: Origin, range: Range, message: string, options?: ReportOptions): void;
  /**
   * The value of a word after variable expansion, as upstream expands it (`@{V}` becomes `{a,b}`), or
   * null after reporting an undefined or recursive variable.
   */
  expand(word: Word, origin: Origin, profile: ResolvedProfile | null): string | null;
}

export interface ReportOptions {
  help?: string;
  severity?: Severity;
  /** Overrides the check's own code and rule name (for checks that report several kinds of problem). */
  code?: string;
  rule?: string;
}

export interface Check {
  /** Stable code and name of what the check finds, e.g. AA2051 / network-rule. */
  code: string;
  name: string;
  /** Called for every rule of every profile, live or not; see ResolvedRule.live. */
  rule?(rule: ResolvedRule, profile: ResolvedProfile, ctx: CheckContext): void;
  /** Called for every profile, hats and children included. */
  profile?(profile: ResolvedProfile, ctx: CheckContext): void;
  /** Called once per checked file. */
  program?(program: Program, ctx: CheckContext): void;
}

export type { Diagnostic };
