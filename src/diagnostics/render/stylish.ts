/**
 * The default, human output, in the manner of ruff and Biome: location and code, the message, the source
 * line with carets under the exact span, a help line, and the include chain for problems reached through
 * an include.
 */
import pc from "picocolors";
import { LineIndex } from "../../source/source.js";
import type { Diagnostic } from "../diagnostic.js";
import type { FileResult } from "./json.js";

export interface StylishOptions {
  /** The text of a file by path, for code frames; undefined when unavailable. */
  source(path: string): string | undefined;
  color?: boolean;
}

export function renderStylish(results: readonly FileResult[], options: StylishOptions): string {
  const c = pc.createColors(options.color ?? pc.isColorSupported);
  const indexes = new Map<string, LineIndex | null>();
  const lines = (path: string): LineIndex | null => {
    if (!indexes.has(path)) {
      const text = options.source(path);
      indexes.set(path, text === undefined ? null : new LineIndex(text));
    }
    return indexes.get(path)!;
  };
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  let filesWithProblems = 0;
  for (const r of results) {
    if (r.diagnostics.length) filesWithProblems++;
    for (const d of r.diagnostics) {
      if (d.severity === "error") errors++;
      else warnings++;
      out.push(renderOne(d, lines(d.file), c));
    }
  }
  if (errors + warnings > 0) {
    const parts = [];
    if (errors) parts.push(`${errors} error${errors === 1 ? "" : "s"}`);
    if (warnings) parts.push(`${warnings} warning${warnings === 1 ? "" : "s"}`);
    const files = `${filesWithProblems} file${filesWithProblems === 1 ? "" : "s"}`;
    out.push(c.bold((errors ? c.red("✖ ") : c.yellow("⚠ ")) + `${parts.join(", ")} in ${files}`));
  }
  return out.length ? out.join("\n") + "\n" : "";
}

type Colors = ReturnType<typeof pc.createColors>;

function renderOne(d: Diagnostic, index: LineIndex | null, c: Colors): string {
  const { line, column } = d.range.start;
  const sev = d.severity === "error" ? c.red(c.bold("error")) : c.yellow(c.bold("warning"));
  const head = `${c.bold(`${d.file}:${line}:${column}`)} ${sev}${c.dim(`[${d.code}]`)} ${c.dim(d.rule)}`;
  const parts = [head, `  ${d.message}`];
  // Input problems (unreadable, binary, bad encoding) have no meaningful source line to show.
  if (index && line <= index.lineCount && !d.code.startsWith("AA0")) {
    const full = index.lineText(line).replace(/\t/g, " ");
    const endCol = d.range.end.line === line ? d.range.end.column : full.length + 1;
    const width = Math.max(1, Math.min(endCol, full.length + 1) - column);
    // Generated or hostile files can have lines of megabytes: show a window around the problem.
    const { text, offset } = window(full, column - 1, width);
    const gutter = String(line);
    const pad = " ".repeat(gutter.length);
    parts.push(`${pad} ${c.dim("|")}`);
    parts.push(`${c.dim(gutter)} ${c.dim("|")} ${text}`);
    const caretWidth = Math.max(1, Math.min(width, text.length - offset));
    parts.push(`${pad} ${c.dim("|")} ${" ".repeat(Math.max(0, offset))}${c.red("^".repeat(caretWidth))}`);
  }
  const notes = [...(d.related ?? [])].reverse().map((r) => {
    const where = `${r.file}:${r.range.start.line}:${r.range.start.column}`;
    return `  ${c.cyan("=")} note: ${r.message === "included from here" ? `included from ${where}` : `${r.message} (${where})`}`;
  });
  // An include chain that ran into the depth limit is 64 notes long: keep both ends, where the cause is.
  if (notes.length > MAX_NOTES) {
    const hidden = notes.length - (MAX_NOTES - 1);
    notes.splice(MAX_NOTES - 3, hidden, `  ${c.cyan("=")} note: … ${hidden} more`);
  }
  parts.push(...notes);
  if (d.help) parts.push(`  ${c.cyan("=")} help: ${d.help}`);
  return parts.join("\n") + "\n";
}

const WINDOW = 120;
const MAX_NOTES = 8;

/** A slice of a long line around [start, start+width), and where `start` falls in it. */
function window(line: string, start: number, width: number): { text: string; offset: number } {
  if (line.length <= WINDOW) return { text: line, offset: start };
  const from = Math.max(0, Math.min(start - 40, line.length - WINDOW));
  const to = Math.min(line.length, from + Math.max(WINDOW, Math.min(width, WINDOW) + 40));
  const head = from > 0 ? "…" : "";
  const tail = to < line.length ? "…" : "";
  return { text: head + line.slice(from, to) + tail, offset: start - from + head.length };
}
