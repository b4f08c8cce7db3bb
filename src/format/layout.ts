/**
 * Questions about the author's layout that the formatter keeps: where blank lines were. Offsets are into the
 * text the AST was parsed from.
 */

function skipBlanks(text: string, i: number): number {
  while (text[i] === " " || text[i] === "\t") i++;
  return i;
}

/** Whether a blank line follows the line on which `offset` stands (skipping a comment that ends that line). */
export function blankLineAfter(text: string, offset: number): boolean {
  let i = skipBlanks(text, offset);
  if (text[i] === "#") {
    const nl = text.indexOf("\n", i);
    if (nl === -1) return false;
    i = nl;
  }
  if (text[i] === "\r") i++;
  if (text[i] !== "\n") return false;
  i = skipBlanks(text, i + 1);
  if (text[i] === "\r") i++;
  return text[i] === "\n";
}

/** Whether the line before the one on which `offset` stands is blank. */
export function blankLineBefore(text: string, offset: number): boolean {
  let i = offset - 1;
  while (i >= 0 && (text[i] === " " || text[i] === "\t")) i--;
  if (text[i] !== "\n") return false;
  i--;
  if (text[i] === "\r") i--;
  while (i >= 0 && (text[i] === " " || text[i] === "\t")) i--;
  return i >= 0 && text[i] === "\n";
}

/** Whether a blank line lies between two offsets. */
export function blankLineBetween(text: string, from: number, to: number): boolean {
  return /\n[ \t]*\r?\n/.test(text.slice(from, to));
}

/** Whether only blanks stand between the start of the line and `offset`. */
export function startsLine(text: string, offset: number): boolean {
  let i = offset - 1;
  while (i >= 0 && (text[i] === " " || text[i] === "\t")) i--;
  return i < 0 || text[i] === "\n";
}

/** Whether a line break lies between two offsets. */
export function lineBreakBetween(text: string, from: number, to: number): boolean {
  return text.slice(from, to).includes("\n");
}
