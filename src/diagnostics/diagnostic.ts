/**
 * The one diagnostic model every phase reports in; renderers (stylish, json, sarif, github) only read it.
 */
import type { Range } from "../ast/nodes.js";

export type Severity = "error" | "warning";

/** A place another file or rule is involved, e.g. each step of the include chain. */
export interface RelatedLocation {
  file: string;
  range: Range;
  message: string;
}

export interface TextEdit {
  /** Offsets into the file the diagnostic belongs to; `end` exclusive. */
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  description: string;
  edits: TextEdit[];
}

export interface Diagnostic {
  /** Stable code: AA0xxx input, AA1xxx syntax, AA2xxx compiler checks, AA3xxx+ lint rules. */
  code: string;
  /** Stable name of the rule or check, e.g. `syntax-error`. */
  rule: string;
  severity: Severity;
  message: string;
  /** The file the range refers to, as the user gave it or as the include resolved. */
  file: string;
  range: Range;
  help?: string;
  /** For problems reached through includes: the include chain, outermost first. */
  related?: RelatedLocation[];
  /** A fix that keeps the granted permissions exactly the same. */
  fix?: Fix;
  /** Fixes that change access: shown, never applied. */
  suggestions?: Fix[];
}

export const START_OF_FILE: Range = {
  start: { offset: 0, line: 1, column: 1 },
  end: { offset: 0, line: 1, column: 1 },
};

/** A problem with the input itself (unreadable, missing, not written): at the start of the file. */
export function ioErrorDiagnostic(file: string, message: string): Diagnostic {
  return { code: "AA0001", rule: "io-error", severity: "error", message, file, range: START_OF_FILE };
}

/** An exception that escaped a phase: a bug in aaprof, never bad input. */
export function internalErrorDiagnostic(file: string, err: unknown): Diagnostic {
  const msg = err instanceof Error ? err.message : String(err);
  return {
    code: "AA9999", rule: "internal-error", severity: "error",
    message: `internal error: ${msg} (please report this with the file that caused it)`,
    file, range: START_OF_FILE,
  };
}
