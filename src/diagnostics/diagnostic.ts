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
