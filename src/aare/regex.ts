/**
 * The regular expressions of libapparmor_re (parse.y and its lexer): what apparmor_parser feeds its DFA
 * builder after converting a glob. Parsing follows the bison grammar exactly, so the inputs it rejects
 * (`[]`, `[a-]`, `[--]` …) are rejected here too; upstream rejects them without a message of its own.
 */
import { type Bytes, escapeSequence } from "./convert.js";

/** A set of bytes, 256 bits. */
export type ByteSet = Uint32Array;

export type RegexNode =
  | { t: "eps" }
  | { t: "set"; set: ByteSet }
  | { t: "cat"; items: RegexNode[] }
  | { t: "alt"; items: RegexNode[] }
  | { t: "star"; item: RegexNode }
  | { t: "plus"; item: RegexNode };

export interface ParsedRegex {
  ok: true;
  root: RegexNode;
  /**
   * Upstream's exact_match: no star, plus, any-char or negated class anywhere. An exact rule's exec
   * qualifier overrides a wildcard rule's instead of conflicting with it.
   */
  exact: boolean;
}

export interface RegexError {
  ok: false;
  message: string;
}

export function emptySet(): ByteSet {
  return new Uint32Array(8);
}

export function setAdd(s: ByteSet, b: number): void {
  s[b >>> 5]! |= 1 << (b & 31);
}

export function setHas(s: ByteSet, b: number): boolean {
  return (s[b >>> 5]! & (1 << (b & 31))) !== 0;
}

function complement(s: ByteSet): ByteSet {
  const r = emptySet();
  for (let i = 0; i < 8; i++) r[i] = ~s[i]! >>> 0;
  return r;
}

/**
 * One set per byte, and the set of all bytes, shared by every parsed expression: nothing modifies a set
 * once parsing has built it, and a glob is mostly single bytes, one small allocation each otherwise.
 */
const SINGLES: readonly ByteSet[] = Array.from({ length: 256 }, (_, b) => {
  const s = emptySet();
  setAdd(s, b);
  return s;
});
const ANY: ByteSet = emptySet().fill(0xffffffff);
/** Nodes for single bytes, shared likewise: nothing modifies a parsed expression. */
const SINGLE_NODES: readonly RegexNode[] = SINGLES.map((set) => ({ t: "set", set }));

/** The set holding only byte `b` (shared: do not modify it). */
export function singleByte(b: number): ByteSet {
  return SINGLES[b]!;
}

/** Token kinds: a byte value for the grammar's literal tokens, or these. */
const CHAR = -1;
const END = -2;
const SPECIAL = "*+.|^-[]()";
const IS_SPECIAL: Uint8Array = (() => {
  const t = new Uint8Array(256);
  for (const ch of SPECIAL) t[ch.charCodeAt(0)] = 1;
  return t;
})();
const ESCAPABLE = "*+.|^$-[](){}";

/** Tokens as two parallel arrays (kind, value), one entry per character: no object per character. */
interface Tokens {
  kinds: number[];
  values: number[];
}

function tokenize(s: Bytes): Tokens {
  const kinds: number[] = [];
  const values: number[] = [];
  let n = 0;
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === 0) break;
    if (IS_SPECIAL[c]) {
      kinds[n] = c;
      values[n++] = c;
      i++;
      continue;
    }
    if (c === 0x5c) {
      const seq = escapeSequence(s, i + 1, ESCAPABLE);
      kinds[n] = CHAR;
      if (seq) {
        values[n++] = seq[0];
        i = Math.max(seq[1], i + 1);
      } else {
        // An unknown escape is a literal backslash; the character after it is read again.
        values[n++] = 0x5c;
        i++;
      }
      continue;
    }
    kinds[n] = CHAR;
    values[n++] = c;
    i++;
  }
  kinds[n] = END;
  values[n] = 0;
  return { kinds, values };
}

const c = (ch: string) => ch.charCodeAt(0);
const LBRACKET = c("[");
const RBRACKET = c("]");
const LPAREN = c("(");
const RPAREN = c(")");
const BAR = c("|");
const CARET = c("^");
const DASH = c("-");
const DOT = c(".");
const STAR = c("*");
const PLUS = c("+");

class Fail extends Error {}

/** Parses a libapparmor_re expression. Never throws. */
export function parseRegex(pcre: Bytes): ParsedRegex | RegexError {
  const { kinds, values } = tokenize(pcre);
  let pos = 0;
  let exact = true;
  let failure = "";

  const peek = () => kinds[pos]!;
  const fail = (why: string): never => {
    failure = why;
    throw new Fail(why);
  };

  const startsTerm = (k: number) =>
    k === CHAR || k === DOT || k === CARET || k === DASH || k === RBRACKET || k === LBRACKET || k === LPAREN;

  // regex : /* empty */ | expr
  function regex(): RegexNode {
    const k = peek();
    if (k === END || k === RPAREN) return { t: "eps" };
    return expr();
  }

  // expr : terms | expr '|' terms0 | '|' terms0
  function expr(): RegexNode {
    const branches: RegexNode[] = [];
    if (peek() === BAR) {
      pos++;
      branches.push({ t: "eps" }, terms0());
    } else {
      if (!startsTerm(peek())) fail("unexpected character");
      branches.push(terms());
    }
    while (peek() === BAR) {
      pos++;
      branches.push(terms0());
    }
    return branches.length === 1 ? branches[0]! : { t: "alt", items: branches };
  }

  function terms0(): RegexNode {
    return startsTerm(peek()) ? terms() : { t: "eps" };
  }

  function terms(): RegexNode {
    const items: RegexNode[] = [];
    while (startsTerm(peek())) items.push(qterm());
    return items.length === 1 ? items[0]! : { t: "cat", items };
  }

  function qterm(): RegexNode {
    const item = term();
    const k = peek();
    if (k === STAR) {
      pos++;
      exact = false;
      return { t: "star", item };
    }
    if (k === PLUS) {
      pos++;
      exact = false;
      return { t: "plus", item };
    }
    return item;
  }

  function term(): RegexNode {
    const kind = kinds[pos]!;
    const value = values[pos++]!;
    switch (kind) {
      case DOT:
        exact = false;
        return { t: "set", set: ANY };
      case CHAR:
      case CARET:
      case DASH:
      case RBRACKET:
        return SINGLE_NODES[value]!;
      case LBRACKET:
        return charClass();
      case LPAREN: {
        const inner = regex();
        if (peek() !== RPAREN) fail("unbalanced parenthesis");
        pos++;
        return inner;
      }
      default:
        return fail("unexpected character");
    }
  }

  const isCsetChar1 = (k: number) => k !== END && k !== CARET;
  const isCsetCharN = (k: number) => k !== END && k !== RBRACKET && k !== DASH;

  function addRange(s: ByteSet, a: number, b: number): void {
    if (a > b) [a, b] = [b, a];
    for (let x = a; x <= b; x++) setAdd(s, x);
  }

  // cset_chars : /* nothing */ | cset_chars cset_charN | cset_chars cset_charN '-' cset_charN
  function csetChars(s: ByteSet): void {
    while (isCsetCharN(peek())) {
      const a = values[pos++]!;
      if (peek() === DASH) {
        pos++;
        if (!isCsetCharN(peek())) fail("'-' in a character class must come first or form a range");
        addRange(s, a, values[pos++]!);
      } else {
        setAdd(s, a);
      }
    }
  }

  // charset : cset_char1 cset_chars | cset_char1 '-' cset_charN cset_chars
  function charset(): ByteSet {
    const s = emptySet();
    if (!isCsetChar1(peek())) fail("empty character class");
    const first = values[pos++]!;
    if (peek() === DASH) {
      pos++;
      if (!isCsetCharN(peek())) fail("'-' in a character class must come first or form a range");
      addRange(s, first, values[pos++]!);
    } else {
      setAdd(s, first);
    }
    csetChars(s);
    return s;
  }

  function closeClass(openedWithBracket: boolean): void {
    const k = peek();
    if (k === RBRACKET) {
      pos++;
      return;
    }
    if (k === DASH) fail("'-' in a character class must come first or form a range");
    fail(openedWithBracket ? "empty character class" : "unterminated character class");
  }

  // '[' charset ']' | '[' '^' charset ']' | '[' '^' '^' cset_chars ']'
  function charClass(): RegexNode {
    if (peek() === CARET) {
      pos++;
      exact = false;
      if (peek() === CARET) {
        pos++;
        const s = emptySet();
        csetChars(s);
        setAdd(s, CARET);
        closeClass(false);
        return { t: "set", set: complement(s) };
      }
      const startsWithBracket = peek() === RBRACKET;
      const s = charset();
      closeClass(startsWithBracket);
      return { t: "set", set: complement(s) };
    }
    const startsWithBracket = peek() === RBRACKET;
    const s = charset();
    closeClass(startsWithBracket);
    return { t: "set", set: s };
  }

  try {
    const root = regex();
    if (peek() !== END) fail(peek() === RPAREN ? "unbalanced parenthesis" : "unexpected character");
    return { ok: true, root, exact };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, message: failure };
    return { ok: false, message: String(e) };
  }
}
