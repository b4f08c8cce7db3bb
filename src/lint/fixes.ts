/**
 * Applying fixes to a file's text, as ESLint does: fixes are applied in position order, a fix that overlaps
 * one already taken waits for the next pass, and the caller re-lints between passes.
 */
import type { Fix, TextEdit } from "../diagnostics/diagnostic.js";

export interface FixPass {
  text: string;
  applied: number;
}

export function applyFixes(text: string, fixes: readonly Fix[]): FixPass {
  const sorted = [...fixes]
    .filter((f) => f.edits.length > 0)
    .map((f) => ({ f, start: Math.min(...f.edits.map((e) => e.start)), end: Math.max(...f.edits.map((e) => e.end)) }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const taken: TextEdit[] = [];
  let lastEnd = -1;
  let applied = 0;
  for (const { f, start, end } of sorted) {
    if (start < lastEnd || start < 0 || end > text.length) continue;
    taken.push(...f.edits);
    // An insertion blocks a second insertion at the same place: their order would be arbitrary.
    lastEnd = start === end ? end + 1 : end;
    applied++;
  }
  taken.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of taken) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return { text: out, applied };
}

/**
 * An edit that removes the text from `start` to `end`, and the whole line with it when nothing else is on
 * the line (a trailing comment of the removed rule goes with it).
 */
export function removal(text: string, start: number, end: number): TextEdit {
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  let lineEnd = text.indexOf("\n", end);
  if (lineEnd === -1) lineEnd = text.length;
  const before = text.slice(lineStart, start);
  const after = text.slice(end, lineEnd);
  if (before.trim() === "" && (after.trim() === "" || after.trim().startsWith("#"))) {
    const next = lineEnd < text.length ? lineEnd + 1 : lineEnd;
    return { start: lineStart, end: next, text: "" };
  }
  return { start, end, text: "" };
}
