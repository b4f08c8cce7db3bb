/**
 * AppArmor globs (AARE) to the regular-expression dialect of libapparmor_re, as upstream's
 * convert_aaregex_to_pcre (parser_regex.c) does it with glob_default, byte for byte.
 *
 * Upstream works on C strings, so the pattern is handled as UTF-8 bytes and stops at a NUL.
 */

/** The errors upstream prints (without the `apparmor_parser: ` prefix), in the order it prints them. */
export const CONVERT_ERRORS = {
  closeBracket: "Regex grouping error: Invalid close ], no matching open [ detected",
  nesting: "Regex grouping error: Exceeded maximum nesting of {}",
  itemCount: "Regex grouping error: Invalid number of items between {}",
  closeBrace: "Regex grouping error: Invalid close }, no matching open { detected",
  unclosed: "Regex grouping error: Unclosed grouping or character class, expecting close }",
  trailingEscape: "Regex error: trailing '\\' escape character",
} as const;

/** Upstream MAX_ALT_DEPTH: a `{` that makes the nesting depth reach this is an error. */
const MAX_ALT_DEPTH = 50;

export interface Conversion {
  /** The regular expression handed to libapparmor_re (meaningful only when `errors` is empty). */
  pcre: Uint8Array;
  /** Upstream's error lines, in order; empty when the glob converts. */
  errors: string[];
  /** Characters quoted unnecessarily (`\o`), which upstream warns about and keeps unquoted. */
  needlessEscapes: string[];
}

const enc = new TextEncoder();

/**
 * Bytes as the conversion reads and writes them. Plain arrays of numbers are used inside the pipeline: a
 * typed array of more than a few dozen bytes is allocated outside the JavaScript heap, which costs more
 * than the whole conversion of a short glob.
 */
export type Bytes = ArrayLike<number>;

/** The bytes upstream sees for a pattern: UTF-8, cut at the first NUL as a C string would be. */
export function patternBytes(pattern: string): Uint8Array {
  const bytes = utf8(pattern);
  const nul = bytes.indexOf(0);
  return nul < 0 ? bytes : bytes.subarray(0, nul);
}

/** `patternBytes` as plain numbers: ASCII patterns, nearly all of them, need no encoder. */
function patternCodes(pattern: string): Bytes {
  const out: number[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (c === 0) return out;
    if (c > 0x7f) return patternBytes(pattern);
    out.push(c);
  }
  return out;
}

/** A text's UTF-8 bytes as plain numbers (see Bytes), for questions about it that keep no bytes. */
export function utf8Codes(text: string): Bytes {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) return enc.encode(text);
    out.push(c);
  }
  return out;
}

/** UTF-8 bytes of a text: patterns are nearly always ASCII, which is cheaper to copy than to encode. */
export function utf8(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) return enc.encode(text);
    out[i] = c;
  }
  return out;
}

const C = (s: string) => s.charCodeAt(0);
const BS = C("\\");
const STAR = C("*");
const SLASH = C("/");
const QUESTION = C("?");
const LBRACKET = C("[");
const RBRACKET = C("]");
const LBRACE = C("{");
const RBRACE = C("}");
const COMMA = C(",");
const CARET = C("^");
const DOLLAR = C("$");
const DOT = C(".");
const PLUS = C("+");
const BAR = C("|");
const LPAREN = C("(");
const RPAREN = C(")");

function isOctal(b: number): boolean {
  return b >= 0x30 && b <= 0x37;
}

function digit(b: number, base: number): number {
  let v = -1;
  if (b >= 0x30 && b <= 0x39) v = b - 0x30;
  else if (b >= 0x61 && b <= 0x7a) v = b - 0x61 + 10;
  else if (b >= 0x41 && b <= 0x5a) v = b - 0x41 + 10;
  return v < base ? v : -1;
}

/** lib.c strntol: at most `max` digits, stopping before the value would exceed 255. */
function strntol(s: Bytes, at: number, base: number, max: number): [value: number, end: number] {
  let val = 0;
  let i = at;
  for (; i < s.length && i - at < max; i++) {
    const d = digit(s[i]!, base);
    if (d < 0) break;
    const next = val * base + d;
    if (next > 255) break;
    val = next;
  }
  return [val, i];
}

/**
 * lib.c str_escseq on the character after a backslash at `at`: the value and the index after the
 * sequence, or null for an unsupported escape. `chars` lists characters that stand for themselves.
 */
export function escapeSequence(s: Bytes, at: number, chars: string): [value: number, end: number] | null {
  if (at >= s.length) return chars === "" ? null : [0, at];
  const c = s[at]!;
  if (isOctal(c)) return strntol(s, at, 8, 3);
  switch (String.fromCharCode(c)) {
    case "\\": return [92, at + 1];
    case '"': return [34, at + 1];
    case "d": {
      const [v, end] = strntol(s, at + 1, 10, 3);
      return end === at + 1 ? null : [v, end];
    }
    case "x": {
      const [v, end] = strntol(s, at + 1, 16, 2);
      return end === at + 1 ? null : [v, end];
    }
    case "a": return [7, at + 1];
    case "e": return [27, at + 1];
    case "f": return [12, at + 1];
    case "n": return [10, at + 1];
    case "r": return [13, at + 1];
    case "t": return [9, at + 1];
    default:
      return chars.includes(String.fromCharCode(c)) ? [c, at + 1] : null;
  }
}

class ByteBuffer {
  readonly bytes: number[] = [];
  push(b: number): void {
    this.bytes.push(b);
  }
  text(s: string): void {
    for (let i = 0; i < s.length; i++) this.bytes.push(s.charCodeAt(i));
  }
  last(): number {
    return this.bytes.length ? this.bytes[this.bytes.length - 1]! : -1;
  }
}

/** Converts an AARE the way apparmor_parser does for file rules and most other rule kinds. */
export function convertAare(pattern: string | Uint8Array): Conversion {
  const c = convertAareBytes(pattern);
  return { pcre: new Uint8Array(c.pcre), errors: c.errors, needlessEscapes: c.needlessEscapes };
}

/** `convertAare` with the expression as plain numbers, for parseRegex (see Bytes). */
export function convertAareBytes(pattern: string | Bytes): { pcre: number[]; errors: string[]; needlessEscapes: string[] } {
  const s = typeof pattern === "string" ? patternCodes(pattern) : pattern;
  const out = new ByteBuffer();
  const errors: string[] = [];
  const needlessEscapes: string[] = [];
  let escape = false;
  let grouping = 0;
  let inClass = false;
  // Allocated at the first `{`: most globs have none.
  let groupingCount: number[] | null = null;

  let i = 0;
  while (errors.length === 0 && i < s.length) {
    const c = s[i]!;
    switch (c) {
      case BS:
        if (escape) {
          out.text("\\\\");
        } else {
          escape = true;
          i++;
          continue;
        }
        break;
      case STAR:
        if (escape) {
          out.text("\\*");
        } else {
          if (out.last() === SLASH) {
            // `*` and `**` as a whole path component must match at least one character.
            let j = i;
            while (j < s.length && s[j] === STAR) j++;
            if (j === s.length || s[j] === SLASH) out.text("[^/\\x00]");
          }
          if (s[i + 1] === STAR) {
            out.text("[^\\x00]*");
            // Upstream turns `***…` into `[^\x00]*` and then `[^/\x00]*` or `[^\x00]*` per further star or pair;
            // every one of those matches less than the first, so the whole run means that first one alone.
            while (s[i + 1] === STAR) i++;
          } else {
            out.text("[^/\\x00]*");
          }
        }
        break;
      case QUESTION:
        if (escape) out.push(c);
        else out.text("[^/\\x00]");
        break;
      case LBRACKET:
        if (escape) {
          out.text("\\[");
        } else {
          inClass = true;
          out.push(c);
        }
        break;
      case RBRACKET:
        if (escape) {
          out.text("\\]");
        } else {
          if (!inClass) errors.push(CONVERT_ERRORS.closeBracket);
          inClass = false;
          out.push(c);
        }
        break;
      case LBRACE:
        if (escape) {
          out.text("\\{");
        } else if (inClass) {
          out.push(c);
        } else {
          grouping++;
          if (grouping >= MAX_ALT_DEPTH) {
            errors.push(CONVERT_ERRORS.nesting);
          } else {
            groupingCount ??= new Array<number>(MAX_ALT_DEPTH).fill(0);
            groupingCount[grouping] = 0;
            out.text("(");
          }
        }
        break;
      case RBRACE:
        if (escape) {
          out.text("\\}");
        } else if (inClass) {
          out.push(c);
        } else {
          if ((groupingCount?.[grouping] ?? 0) === 0) errors.push(CONVERT_ERRORS.itemCount);
          grouping--;
          if (grouping < 0) {
            errors.push(CONVERT_ERRORS.closeBrace);
            grouping = 0;
          }
          out.text(")");
        }
        break;
      case COMMA:
        if (escape) {
          if (inClass) out.text("\\,");
          else out.push(c);
        } else if (grouping && !inClass) {
          groupingCount![grouping]!++;
          out.text("|");
        } else {
          out.push(c);
        }
        break;
      case CARET:
      case DOLLAR:
        if (inClass) out.push(c);
        else {
          out.push(BS);
          out.push(c);
        }
        break;
      case DOT:
      case PLUS:
      case BAR:
      case LPAREN:
      case RPAREN:
        out.push(BS);
        plain(c);
        break;
      default:
        plain(c);
        break;
    }
    escape = false;
    i++;
  }

  function plain(c: number): void {
    if (!escape) {
      out.push(c);
      return;
    }
    const seq = escapeSequence(s, i, "");
    if (seq) {
      out.push(BS);
      for (let k = i; k < seq[1]; k++) out.push(s[k]!);
      i = seq[1] - 1;
    } else {
      needlessEscapes.push(String.fromCharCode(c));
      out.push(c);
    }
  }

  if (grouping > 0 || inClass) errors.push(CONVERT_ERRORS.unclosed);
  if (errors.length === 0 && escape) errors.push(CONVERT_ERRORS.trailingEscape);
  return { pcre: out.bytes, errors, needlessEscapes };
}

/**
 * Upstream filter_slashes: runs of `/` become one, except that a leading `//` not followed by a third
 * `/` is kept. Applied to file rule paths and link targets before conversion.
 */
export function filterSlashes(path: string): string {
  if (path.length < 2) return path;
  let start = 0;
  if (path[0] === "/" && path[1] === "/" && path[2] !== "/") start = 2;
  let out = path.slice(0, start);
  let seenSlash = false;
  for (let i = start; i < path.length; i++) {
    const c = path[i]!;
    if (c === "/") {
      if (!seenSlash) out += c;
      seenSlash = true;
    } else {
      seenSlash = false;
      out += c;
    }
  }
  return out;
}
