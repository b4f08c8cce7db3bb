/**
 * The regular expressions of libapparmor_re (parse.y and its lexer): what apparmor_parser feeds its DFA
 * builder after converting a glob. Parsing follows the bison grammar exactly, so the inputs it rejects
 * (`[]`, `[a-]`, `[--]` …) are rejected here too; upstream rejects them without a message of its own.
 */
import { escapeSequence } from "./convert.js";

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

function single(b: number): ByteSet {
  const s = emptySet();
  setAdd(s, b);
  return s;
}

/** Token kinds: a byte value for the grammar's literal tokens, or these. */
const CHAR = -1;
const END = -2;
const SPECIAL = "*+.|^-[]()";
const ESCAPABLE = "*+.|^$-[](){}";

interface Token {
  kind: number;
  value: number;
}

function tokenize(s: Uint8Array): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === 0) break;
    if (SPECIAL.includes(String.fromCharCode(c))) {
      out.push({ kind: c, value: c });
      i++;
      continue;
    }
    if (c === 0x5c) {
      const seq = escapeSequence(s, i + 1, ESCAPABLE);
      if (seq) {
        out.push({ kind: CHAR, value: seq[0] });
        i = Math.max(seq[1], i + 1);
      } else {
        // An unknown escape is a literal backslash; the character after it is read again.
        out.push({ kind: CHAR, value: 0x5c });
        i++;
      }
      continue;
    }
    out.push({ kind: CHAR, value: c });
    i++;
  }
  out.push({ kind: END, value: 0 });
  return out;
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
export function parseRegex(pcre: Uint8Array): ParsedRegex | RegexError {
  const toks = tokenize(pcre);
  let pos = 0;
  let exact = true;
  let failure = "";

  const peek = () => toks[pos]!;
  const fail = (why: string): never => {
    failure = why;
    throw new Fail(why);
  };

  const startsTerm = (k: number) =>
    k === CHAR || k === DOT || k === CARET || k === DASH || k === RBRACKET || k === LBRACKET || k === LPAREN;

  // regex : /* empty */ | expr
  function regex(): RegexNode {
    const k = peek().kind;
    if (k === END || k === RPAREN) return { t: "eps" };
    return expr();
  }

  // expr : terms | expr '|' terms0 | '|' terms0
  function expr(): RegexNode {
    const branches: RegexNode[] = [];
    if (peek().kind === BAR) {
      pos++;
      branches.push({ t: "eps" }, terms0());
    } else {
      if (!startsTerm(peek().kind)) fail("unexpected character");
      branches.push(terms());
    }
    while (peek().kind === BAR) {
      pos++;
      branches.push(terms0());
    }
    return branches.length === 1 ? branches[0]! : { t: "alt", items: branches };
  }

  function terms0(): RegexNode {
    return startsTerm(peek().kind) ? terms() : { t: "eps" };
  }

  function terms(): RegexNode {
    const items: RegexNode[] = [];
    while (startsTerm(peek().kind)) items.push(qterm());
    return items.length === 1 ? items[0]! : { t: "cat", items };
  }

  function qterm(): RegexNode {
    const item = term();
    const k = peek().kind;
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
    const tok = toks[pos++]!;
    switch (tok.kind) {
      case DOT: {
        exact = false;
        const s = emptySet();
        s.fill(0xffffffff);
        return { t: "set", set: s };
      }
      case CHAR:
      case CARET:
      case DASH:
      case RBRACKET:
        return { t: "set", set: single(tok.value) };
      case LBRACKET:
        return charClass();
      case LPAREN: {
        const inner = regex();
        if (peek().kind !== RPAREN) fail("unbalanced parenthesis");
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
    while (isCsetCharN(peek().kind)) {
      const a = toks[pos++]!.value;
      if (peek().kind === DASH) {
        pos++;
        if (!isCsetCharN(peek().kind)) fail("'-' in a character class must come first or form a range");
        addRange(s, a, toks[pos++]!.value);
      } else {
        setAdd(s, a);
      }
    }
  }

  // charset : cset_char1 cset_chars | cset_char1 '-' cset_charN cset_chars
  function charset(): ByteSet {
    const s = emptySet();
    const first = peek();
    if (!isCsetChar1(first.kind)) fail("empty character class");
    pos++;
    if (peek().kind === DASH) {
      pos++;
      if (!isCsetCharN(peek().kind)) fail("'-' in a character class must come first or form a range");
      addRange(s, first.value, toks[pos++]!.value);
    } else {
      setAdd(s, first.value);
    }
    csetChars(s);
    return s;
  }

  function closeClass(openedWithBracket: boolean): void {
    const k = peek().kind;
    if (k === RBRACKET) {
      pos++;
      return;
    }
    if (k === DASH) fail("'-' in a character class must come first or form a range");
    fail(openedWithBracket ? "empty character class" : "unterminated character class");
  }

  // '[' charset ']' | '[' '^' charset ']' | '[' '^' '^' cset_chars ']'
  function charClass(): RegexNode {
    if (peek().kind === CARET) {
      pos++;
      exact = false;
      if (peek().kind === CARET) {
        pos++;
        const s = emptySet();
        csetChars(s);
        setAdd(s, CARET);
        closeClass(false);
        return { t: "set", set: complement(s) };
      }
      const startsWithBracket = peek().kind === RBRACKET;
      const s = charset();
      closeClass(startsWithBracket);
      return { t: "set", set: complement(s) };
    }
    const startsWithBracket = peek().kind === RBRACKET;
    const s = charset();
    closeClass(startsWithBracket);
    return { t: "set", set: s };
  }

  try {
    const root = regex();
    if (peek().kind !== END) fail(peek().kind === RPAREN ? "unbalanced parenthesis" : "unexpected character");
    return { ok: true, root, exact };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, message: failure };
    return { ok: false, message: String(e) };
  }
}
