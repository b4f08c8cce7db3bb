/**
 * Canonical spellings: where the language offers several ways to write the same thing, the one the formatter
 * prints. Each function here must return text that the compiler reads exactly as it read the input; the
 * format tests check that on every fixture and corpus file, and against apparmor_parser's compiled policy.
 */
import type { Word } from "../ast/nodes.js";

/**
 * One unit of a permission string, split the way the scanner's mode pattern reads it: an exec mode with its
 * qualifiers (`ix`, `Px`, `pix`, `PUx`, bare `x`) or a single access letter.
 */
const MODE_UNIT = "[PpCc]?[IiUu][Xx]|[PpCc][Xx]|[RrWwaLlMmkXx]";

/** The community's letter order: mmap, read, write, append, link, lock. */
const ACCESS_ORDER = "mrwalk";

export interface PermissionParts {
  /** Access letters, lower case, each once, in `m r w a l k` order. */
  access: string;
  /** Exec modes in the order written, with deprecated upper-case `I`/`X` lowered. */
  exec: string[];
}

/**
 * Splits a permission string (`rwkl`, `mrix`, `rPx`). Returns null for text the scanner would not have read
 * as permissions, so a caller never rewrites what it does not understand.
 *
 * Upper-case `R W L M I X` are deprecated spellings of the lower-case letters (upstream lowers them with a
 * warning); `P C U` change meaning with case and are kept. Repeated access letters mean nothing more
 * (`rrw` = `rw`); exec modes are kept as written, repeats included, because two of them in one string is
 * an error the compiler should still see.
 */
export function splitPermissions(raw: string): PermissionParts | null {
  const letters = new Set<string>();
  const exec: string[] = [];
  // Sticky: each unit must start where the previous one ended. A fresh regex keeps no state between calls.
  const unitAt = new RegExp(MODE_UNIT, "y");
  let at = 0;
  while (at < raw.length) {
    unitAt.lastIndex = at;
    const m = unitAt.exec(raw);
    if (!m) return null;
    const unit = m[0];
    if (unit.length === 1 && unit.toLowerCase() !== "x") letters.add(unit.toLowerCase());
    else exec.push(unit.replace(/[IX]/g, (c) => c.toLowerCase()));
    at += unit.length;
  }
  if (letters.size === 0 && exec.length === 0) return null;
  const access = [...ACCESS_ORDER].filter((c) => letters.has(c)).join("");
  return { access, exec };
}

/**
 * The canonical permission string: access letters in `m r w a l k` order, then the exec mode as one unit
 * with its qualifiers (`mrix`, `rPx`, `rwlk`, `mrpix`, `rCx`).
 */
export function canonicalPermissions(raw: string): string {
  const parts = splitPermissions(raw);
  return parts ? parts.access + parts.exec.join("") : raw;
}

/** Code-unit order of the compiled value, then of the spelling: stable, locale-free, idempotent. */
export function compareWords(a: Word, b: Word): number {
  if (a.value !== b.value) return a.value < b.value ? -1 : 1;
  if (a.raw !== b.raw) return a.raw < b.raw ? -1 : 1;
  return 0;
}

/** Items of a `( … )` list or of one `capability` rule are sets: the order written carries no meaning. */
export function sortedWords<T extends Word>(words: readonly T[]): T[] {
  return [...words].sort(compareWords);
}

/**
 * The file name of an include as written, with the spaces upstream trims inside `< … >` removed.
 * `pathRaw` is the source text at the directive's path range.
 */
export function canonicalIncludePath(pathRaw: string): string {
  if (pathRaw.startsWith("<") && pathRaw.endsWith(">")) return `<${pathRaw.slice(1, -1).trim()}>`;
  return pathRaw;
}

/** An rlimit value and its unit scan as two tokens whether or not a space separates them (`10s`, `10 s`). */
export function rlimitValue(value: Word, unit: Word | null): string {
  if (!unit) return value.raw;
  // A word value such as `infinity` would swallow the unit into one token without the space.
  return /^-?[0-9]+$/.test(value.raw) ? value.raw + unit.raw : `${value.raw} ${unit.raw}`;
}
