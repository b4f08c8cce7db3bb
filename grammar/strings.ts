/**
 * How the compiler turns the text of a word or a quoted string into its value (upstream `processid`,
 * `processquoted`, `processunquoted` and `strn_escseq` in parser_misc.c and lib.c).
 *
 * Escapes that matter to the glob engine (`\*`, `\{`, `\\` …) are kept escaped, so the value of a path is
 * still an AARE pattern; everything else is decoded. Unknown escapes keep their backslash.
 */

const AARE_SPECIAL = "*?[]{}^,\\";

function isOctal(c: string): boolean {
  return c >= "0" && c <= "7";
}

function digitValue(c: string, base: number): number {
  let v = -1;
  if (c >= "0" && c <= "9") v = c.charCodeAt(0) - 48;
  else if (/^[A-Za-z]$/.test(c)) v = c.toLowerCase().charCodeAt(0) - 87;
  return v >= 0 && v < base ? v : -1;
}

/** Reads up to `maxDigits` digits in `base` without exceeding 255; returns [value, digitsUsed]. */
function readNumber(s: string, at: number, base: number, maxDigits: number): [number, number] {
  let val = 0;
  let i = 0;
  for (; i < maxDigits && at + i < s.length; i++) {
    const d = digitValue(s[at + i]!, base);
    if (d < 0) break;
    const next = val * base + d;
    if (next > 255) break;
    val = next;
  }
  return [val, i];
}

/**
 * Decodes the escape sequence whose backslash is at `s[at - 1]`.
 * Returns the character code and the index just after the sequence, or null when it is not an escape.
 */
function escapeAt(s: string, at: number): [number, number] | null {
  if (at >= s.length) return null;
  const c = s[at]!;
  if (isOctal(c)) {
    const [v, n] = readNumber(s, at, 8, 3);
    return [v, at + n];
  }
  switch (c) {
    case "\\":
      return [92, at + 1];
    case '"':
      return [34, at + 1];
    case "d": {
      const [v, n] = readNumber(s, at + 1, 10, 3);
      return n === 0 ? null : [v, at + 1 + n];
    }
    case "x": {
      const [v, n] = readNumber(s, at + 1, 16, 2);
      return n === 0 ? null : [v, at + 1 + n];
    }
    case "a":
      return [7, at + 1];
    case "e":
      return [27, at + 1];
    case "f":
      return [12, at + 1];
    case "n":
      return [10, at + 1];
    case "r":
      return [13, at + 1];
    case "t":
      return [9, at + 1];
    default:
      return null;
  }
}

export function processUnquoted(s: string): string {
  if (!s.includes("\\")) return s;
  let out = "";
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    if (ch === "\\" && i + 1 < s.length) {
      const esc = escapeAt(s, i + 1);
      if (esc) {
        const [code, next] = esc;
        if (code === 0) out += s.slice(i, next);
        else {
          const c = String.fromCharCode(code);
          out += AARE_SPECIAL.includes(c) ? "\\" + c : c;
        }
        i = next;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return out;
}

/** The value of a word as written: quotes removed and escapes decoded. */
export function processId(raw: string): string {
  if (raw.startsWith('"')) {
    const inner = raw.length >= 2 && raw.endsWith('"') ? raw.slice(1, -1) : raw.slice(1);
    return processUnquoted(inner);
  }
  return processUnquoted(raw);
}
