/**
 * ESLint's JSON formatter shape, so existing tooling can read aaprof's output:
 * [{ filePath, messages: [{ ruleId, severity, message, line, column, endLine, endColumn }], errorCount, warningCount }]
 *
 * A problem inside an included file is reported on the checked file at the include directive, with the real
 * location in the message, because ESLint's shape has one file per entry.
 */
import type { Diagnostic } from "../diagnostic.js";

export interface FileResult {
  filePath: string;
  diagnostics: Diagnostic[];
}

export function renderJson(results: readonly FileResult[]): string {
  return JSON.stringify(results.map(toEslint));
}

function toEslint(r: FileResult) {
  const messages = r.diagnostics.map((d) => {
    const outer = d.related?.[0];
    const local = !outer || d.file === r.filePath;
    const at = local ? d.range : outer.range;
    const where = local ? "" : ` (in ${d.file}:${d.range.start.line}:${d.range.start.column})`;
    return {
      ruleId: d.rule,
      code: d.code,
      severity: d.severity === "error" ? 2 : 1,
      message: d.message + where,
      line: at.start.line,
      column: at.start.column,
      endLine: at.end.line,
      endColumn: at.end.column,
    };
  });
  return {
    filePath: r.filePath,
    messages,
    errorCount: messages.filter((m) => m.severity === 2).length,
    warningCount: messages.filter((m) => m.severity === 1).length,
  };
}
