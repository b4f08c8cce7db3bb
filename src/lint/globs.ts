/**
 * The linter's window on glob reasoning. The automaton lives in src/aare; this file only adapts it to the
 * questions rules ask, and makes them cheap enough to ask for every rule of every profile:
 *
 * - questions whose answer the globs' literal bytes already give are answered from them, before any cache
 *   or automaton: every match starts with one of a glob's heads, ends with its suffix and contains its
 *   infix (see Glob). Most pairs of a profile's rules, and most rules against most probe paths, end there,
 *   and remembering each such answer would cost more than deciding it again;
 * - inclusion, which needs a subset construction, is first tested on one path the inner glob matches (its
 *   example): if the outer glob does not match that path, the answer is no without building anything;
 * - the other answers are remembered by glob for the whole run (abstractions are included by most profiles,
 *   so the same questions come back for every file), in caches of bounded size: a run over thousands of
 *   files asks millions of questions about globs that are never seen again once their file is linted;
 * - MatchIndex finds the rules of a profile whose globs may match a path without trying each of them.
 */
import { type Glob, type GlobParse, globIncludes, globMatches, globsOverlap, parseGlob } from "../aare/glob.js";

export type { Glob };

/** true / false, or "unknown" when the globs were too complex to decide within the automaton's budget. */
export type Answer = boolean | "unknown";

/** Parsed globs kept per run (twice this at most): the abstractions' and the rules' own constants. */
const PARSED_LIMIT = 4096;
/** Answers kept per kind of question, before the cache starts again from empty. */
const ANSWER_LIMIT = 100_000;

/**
 * A map that forgets its least recently useful half when full: entries live in a young and an old
 * generation; a hit in the old one moves the entry back to the young one, and when the young one is full
 * the old one is dropped. Bounded by twice `limit`, with no bookkeeping per access.
 */
export class BoundedMap<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    const hit = this.young.get(key);
    if (hit !== undefined) return hit;
    const aged = this.old.get(key);
    if (aged !== undefined) {
      this.old.delete(key);
      this.set(key, aged);
    }
    return aged;
  }

  set(key: K, value: V): void {
    this.young.set(key, value);
    if (this.young.size >= this.limit) {
      this.old = this.young;
      this.young = new Map();
    }
  }
}

/**
 * Answers by glob (its id) and a second key, emptied when it holds `limit` answers. Rows by small integer
 * ids keep lookups cheap; emptying rather than evicting keeps them free of bookkeeping, and the answers
 * worth keeping (about the abstractions' globs) come back within one file.
 */
class AnswerCache<K, V> {
  private rows = new Map<number, Map<K, V>>();
  private count = 0;

  constructor(private readonly limit: number) {}

  get(id: number, key: K): V | undefined {
    return this.rows.get(id)?.get(key);
  }

  set(id: number, key: K, value: V): void {
    if (this.count >= this.limit) {
      this.rows = new Map();
      this.count = 0;
    }
    let row = this.rows.get(id);
    if (!row) this.rows.set(id, (row = new Map()));
    row.set(key, value);
    this.count++;
  }
}

export class Globs {
  private readonly parsed = new BoundedMap<string, GlobParse>(PARSED_LIMIT);
  /** Small numbers for globs, the keys of the answer caches. */
  private readonly ids = new WeakMap<Glob, number>();
  private nextId = 1;
  private readonly included = new AnswerCache<number, Answer>(ANSWER_LIMIT);
  private readonly overlapping = new AnswerCache<number, { answer: Answer; example?: string }>(ANSWER_LIMIT);
  private readonly matched = new AnswerCache<string, Answer>(ANSWER_LIMIT);

  /** The glob for an already expanded AARE, or null when it does not parse (the compiler reports that). */
  parse(aare: string): Glob | null {
    let r = this.parsed.get(aare);
    if (!r) {
      r = parseGlob(aare);
      this.parsed.set(aare, r);
    }
    return r.ok ? r.glob : null;
  }

  /** Like `parse`, for a glob not worth remembering for the run (a rule of one linted file). */
  parseOnce(aare: string): Glob | null {
    const r = parseGlob(aare);
    return r.ok ? r.glob : null;
  }

  /** Does `outer` match every path `inner` matches? */
  includes(outer: Glob, inner: Glob): Answer {
    if (!compatible(outer.prefix, inner.prefix, false) || !compatible(outer.suffix, inner.suffix, true)) return false;
    const sample = this.sample(inner);
    // What `matches(outer, sample)` rejects without looking at the automaton, rejected before any cache.
    if (sample !== null && !plausible(outer, sample)) return false;
    const o = this.id(outer);
    const i = this.id(inner);
    let hit = this.included.get(o, i);
    if (hit !== undefined) return hit;
    if (sample !== null && this.matches(outer, sample) === false) hit = false;
    else if (inner.literal && sample !== null) hit = this.matches(outer, sample);
    else hit = globIncludes(outer, inner).included;
    this.included.set(o, i, hit);
    return hit;
  }

  /** Is there a path both match? With an example path when there is. */
  overlaps(a: Glob, b: Glob): { answer: Answer; example?: string } {
    if (!compatible(a.prefix, b.prefix, false) || !compatible(a.suffix, b.suffix, true)) return NO_OVERLAP;
    if ((a.heads.length > 1 || b.heads.length > 1) && !headsMeet(a.heads, b.heads)) return NO_OVERLAP;
    const x = this.id(a);
    const y = this.id(b);
    let hit = this.overlapping.get(x, y);
    if (hit) return hit;
    const r = globsOverlap(a, b);
    hit = r.example === undefined ? { answer: r.overlap } : { answer: r.overlap, example: r.example };
    this.overlapping.set(x, y, hit);
    return hit;
  }

  /** Does the glob match this literal path? */
  matches(glob: Glob, path: string): Answer {
    if (!plausible(glob, path)) return false;
    // A literal glob is one comparison, cheaper than a cache lookup.
    if (glob.literal) return globMatches(glob, path);
    const id = this.id(glob);
    let hit = this.matched.get(id, path);
    if (hit !== undefined) return hit;
    hit = globMatches(glob, path);
    this.matched.set(id, path, hit);
    return hit;
  }

  private id(glob: Glob): number {
    let id = this.ids.get(glob);
    if (id === undefined) this.ids.set(glob, (id = this.nextId++));
    return id;
  }

  /** One path the glob matches, or null when it has none that reads as text. */
  private sample(glob: Glob): string | null {
    return glob.example ?? (glob.literal ? decoder.decode(glob.literal) : null);
  }
}

const NO_OVERLAP: { answer: Answer; example?: string } = Object.freeze({ answer: false });

const decoder = new TextDecoder();

/** Could the glob match the path, judging by the bytes every match starts with, ends with and contains? */
function plausible(glob: Glob, path: string): boolean {
  if (!compatibleText(glob.prefix, path, false) || !compatibleText(glob.suffix, path, true)) return false;
  if (!containsText(path, glob.infix)) return false;
  if (glob.heads.length === 1) return true;
  for (const h of glob.heads) if (compatibleText(h, path, false)) return true;
  return false;
}

/** Can a match of one glob start as a match of the other does (some heads are compatible)? */
function headsMeet(a: readonly Uint8Array[], b: readonly Uint8Array[]): boolean {
  for (const x of a) for (const y of b) if (compatible(x, y, false)) return true;
  return false;
}

/** Does the text contain these bytes? Always true for bytes past ASCII, which are left to the automaton. */
function containsText(text: string, bytes: Uint8Array): boolean {
  const n = bytes.length;
  if (n === 0) return true;
  for (let j = 0; j < n; j++) if (bytes[j]! > 0x7f) return true;
  // ASCII bytes occur in UTF-8 only as themselves, so searching the characters is searching the bytes.
  const first = bytes[0]!;
  outer: for (let i = 0; i + n <= text.length; i++) {
    if (text.charCodeAt(i) !== first) continue;
    for (let j = 1; j < n; j++) if (text.charCodeAt(i + j) !== bytes[j]) continue outer;
    return true;
  }
  return false;
}

/** One byte string is a prefix (or, from the end, a suffix) of the other. */
function compatible(a: Uint8Array, b: Uint8Array, fromEnd: boolean): boolean {
  const n = Math.min(a.length, b.length);
  if (fromEnd) {
    const da = a.length - 1;
    const db = b.length - 1;
    for (let i = 0; i < n; i++) if (a[da - i] !== b[db - i]) return false;
  } else {
    for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  }
  return true;
}

/** `compatible` against a string, without encoding it when it is ASCII (probe paths are). */
function compatibleText(bytes: Uint8Array, text: string, fromEnd: boolean): boolean {
  const n = Math.min(bytes.length, text.length);
  for (let i = 0; i < n; i++) {
    const x = fromEnd ? bytes[bytes.length - 1 - i] : bytes[i];
    const y = fromEnd ? text.charCodeAt(text.length - 1 - i) : text.charCodeAt(i);
    // Past ASCII a character is several bytes: compare the encoded text instead.
    if (y > 0x7f) return compatible(bytes, new TextEncoder().encode(text), fromEnd);
    if (x !== y) return false;
  }
  return true;
}

/** A literal path as an AARE: glob characters escaped so that it matches only itself. */
export function literalAare(path: string): string {
  return path.replace(/[\\*?[\]{}^]/g, (c) => "\\" + c);
}

/**
 * Items with globs, indexed by the literal bytes their globs' matches start with (`Glob.heads`):
 * `mayMatch` returns the only items whose glob can match a given path, without trying every item. A rule
 * that compares each rule of a profile with the others asks it instead of looping over all pairs. Heads
 * are found by a hash of their bytes and their length, so building an index makes no strings.
 */
export class MatchIndex<T> {
  /** Items by hash of a head (see headKey). */
  private readonly byHead = new Map<number, number[]>();
  /** The head lengths that occur, shortest first. */
  private readonly lengths: number[];
  private readonly globs: (Glob | null)[];

  constructor(items: readonly T[], globOf: (item: T) => Glob | null) {
    this.globs = items.map(globOf);
    const lengths = new Set<number>();
    for (let i = 0; i < items.length; i++) {
      const g = this.globs[i];
      if (!g) continue;
      for (const head of g.heads) {
        let h = 0;
        for (let k = 0; k < head.length; k++) h = (Math.imul(h, 31) + head[k]!) | 0;
        const key = headKey(head.length, h);
        lengths.add(head.length);
        const list = this.byHead.get(key);
        if (list) list.push(i);
        else this.byHead.set(key, [i]);
      }
    }
    this.lengths = [...lengths].sort((a, b) => a - b);
  }

  /**
   * The positions of the items whose glob may match `path`: it starts with one of the glob's heads, ends
   * with its suffix and contains its infix. In order.
   */
  mayMatch(path: string): number[] {
    const bytes = codes(path);
    const hits: number[] = [];
    let h = 0;
    let at = 0;
    for (const n of this.lengths) {
      if (n > bytes.length) break;
      for (; at < n; at++) h = (Math.imul(h, 31) + bytes[at]!) | 0;
      const list = this.byHead.get(headKey(n, h));
      if (!list) continue;
      for (const i of list) {
        const g = this.globs[i]!;
        if (startsWithHead(bytes, g.heads, n) && endsWith(bytes, g.suffix) && contains(bytes, g.infix)) hits.push(i);
      }
    }
    hits.sort((a, b) => a - b);
    const out: number[] = [];
    for (let k = 0; k < hits.length; k++) if (k === 0 || hits[k] !== hits[k - 1]) out.push(hits[k]!);
    return out;
  }
}

/** One number for a head's length and hash (lengths below 2^21, far past any path). */
function headKey(length: number, hash: number): number {
  return length * 2 ** 32 + (hash >>> 0);
}

/** A path's UTF-8 bytes; the characters' codes when it is ASCII, as paths nearly always are. */
function codes(path: string): ArrayLike<number> {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(path)) {
    const out: number[] = [];
    for (let i = 0; i < path.length; i++) out.push(path.charCodeAt(i));
    return out;
  }
  return new TextEncoder().encode(path);
}

/** Does `bytes` start with one of the heads of length `n`? (A hash only says it may.) */
function startsWithHead(bytes: ArrayLike<number>, heads: readonly Uint8Array[], n: number): boolean {
  outer: for (const head of heads) {
    if (head.length !== n) continue;
    for (let k = 0; k < n; k++) if (bytes[k] !== head[k]) continue outer;
    return true;
  }
  return false;
}

function endsWith(bytes: ArrayLike<number>, suffix: Uint8Array): boolean {
  const n = suffix.length;
  if (n > bytes.length) return false;
  const at = bytes.length - n;
  for (let k = 0; k < n; k++) if (bytes[at + k] !== suffix[k]) return false;
  return true;
}

function contains(bytes: ArrayLike<number>, needle: Uint8Array): boolean {
  const n = needle.length;
  if (n === 0) return true;
  outer: for (let i = 0; i + n <= bytes.length; i++) {
    for (let k = 0; k < n; k++) if (bytes[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}
