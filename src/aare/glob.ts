/**
 * AppArmor globs as languages: parse a glob the way apparmor_parser does, then ask whether two globs can
 * match a common path, or whether one glob matches everything another does.
 *
 *   const a = parseGlob("/usr/bin/*"), b = parseGlob("/usr/bin/{cat,dog}");
 *   if (a.ok && b.ok) globsOverlap(a.glob, b.glob).overlap;   // true (example: "/usr/bin/cat")
 *   if (a.ok && b.ok) globIncludes(a.glob, b.glob).included;  // true
 *
 * Paths are matched as upstream matches them: as bytes (UTF-8), after the caller has applied whatever
 * normalisation upstream applies to the field (filterSlashes for file paths). Every question is bounded;
 * "unknown" means the globs were too complex to decide within the budget.
 */
import { type Bytes, convertAareBytes, filterSlashes, utf8, utf8Codes } from "./convert.js";
import {
  type Answer, DEFAULT_BUDGET, type Nfa, buildNfa, concatNfa, nfaIncludes, nfaMatches, nfaOverlap,
} from "./automaton.js";
import { type RegexNode, parseRegex, setHas, singleByte } from "./regex.js";
import { primaryAareError } from "./validate.js";

export { DEFAULT_BUDGET, filterSlashes };
export type { Answer };

export interface Glob {
  /** The AARE as given. */
  readonly source: string;
  /**
   * Upstream's notion of an exact rule: no `*`, `**`, `?` or `[^…]` (alternations and positive classes
   * keep a glob exact).
   */
  readonly exact: boolean;
  /** The only string the glob matches, when it matches exactly one (no alternation, class or wildcard). */
  readonly literal: Uint8Array | null;
  /** Bytes every match starts with, and ends with. */
  readonly prefix: Uint8Array;
  readonly suffix: Uint8Array;
  /** Bytes every match contains somewhere (the longest such run found; may be empty). */
  readonly infix: Uint8Array;
  /**
   * Every match starts with one of these (a glob that starts with an alternation, as `@{HOME}` expands to,
   * has one per branch; otherwise the one is `prefix`).
   */
  readonly heads: readonly Uint8Array[];
  /** A short string the glob matches, as text; null when it would hold control or invalid bytes. */
  readonly example: string | null;
  /** null when the glob is too large to turn into an automaton; questions about it answer "unknown". */
  readonly nfa: Nfa | null;
}

export type GlobParse = { ok: true; glob: Glob } | { ok: false; error: string };

/** Parses an AARE (after variable expansion) into a glob, or returns upstream's error for it. */
export function parseGlob(aare: string): GlobParse {
  // Without glob syntax an AARE converts to its own bytes, each a literal (the regex characters among
  // them are escaped by the conversion): most paths of real rules, which need neither step.
  if (!GLOB_SYNTAX.test(aare)) return { ok: true, glob: literalGlob(aare, utf8(aare)) };
  const conv = convertAareBytes(aare);
  if (conv.errors.length) return { ok: false, error: primaryAareError(conv.errors) };
  const parsed = parseRegex(conv.pcre);
  if (!parsed.ok) return { ok: false, error: `Regex error: ${parsed.message}` };
  const shape = shapeOf(parsed.root);
  const prefix = new Uint8Array(shape.prefix);
  const complete = shape.complete;
  return {
    ok: true,
    glob: new ParsedGlob(
      aare,
      parsed.exact,
      complete ? prefix : null,
      prefix,
      complete ? prefix : new Uint8Array(shape.suffix),
      complete ? prefix : new Uint8Array(shape.infix),
      shape.heads.length > 1 ? shape.heads.map((h) => new Uint8Array(h.bytes)) : [prefix],
      text(shape.example),
      parsed.root,
    ),
  };
}

/**
 * A parsed glob. Most globs are only ever compared by their affixes or literal text: the automaton is
 * built from the expression on first use (a class rather than a closure: one small object per glob).
 */
class ParsedGlob implements Glob {
  private built: Nfa | null = null;

  constructor(
    readonly source: string,
    readonly exact: boolean,
    readonly literal: Uint8Array | null,
    readonly prefix: Uint8Array,
    readonly suffix: Uint8Array,
    readonly infix: Uint8Array,
    readonly heads: readonly Uint8Array[],
    readonly example: string | null,
    /** The expression (for a literal glob, its bytes), until the automaton is built from it. */
    private root: RegexNode | Uint8Array | null,
  ) {}

  get nfa(): Nfa | null {
    if (this.root) {
      this.built = buildNfa(this.root instanceof Uint8Array ? literalNode(this.root) : this.root);
      this.root = null;
    }
    return this.built;
  }
}

/** Characters with a meaning in an AARE, and NUL, where upstream's C string ends. */
// eslint-disable-next-line no-control-regex
const GLOB_SYNTAX = /[\\*?[\]{}\x00]/;

function literalGlob(source: string, bytes: Uint8Array): Glob {
  return new ParsedGlob(source, true, bytes, bytes, bytes, bytes, [bytes], text(bytes), bytes);
}

/** The expression the conversion gives for a glob without syntax: its bytes one after another. */
function literalNode(bytes: Uint8Array): RegexNode {
  const items: RegexNode[] = [];
  for (const b of bytes) items.push({ t: "set", set: singleByte(b) });
  return items.length === 1 ? items[0]! : { t: "cat", items };
}

/**
 * Globs matched one after another with a NUL byte between them, as upstream builds multi-part rules
 * (a change_profile rule's exec path and target).
 */
export function globSequence(parts: readonly Glob[]): Glob {
  let nfa: Nfa | null = parts[0]?.nfa ?? null;
  for (let i = 1; i < parts.length && nfa; i++) nfa = parts[i]!.nfa ? concatNfa(nfa, 0, parts[i]!.nfa!) : null;
  const literal = parts.every((p) => p.literal)
    ? Uint8Array.from(parts.flatMap((p, i) => (i ? [0, ...p.literal!] : [...p.literal!])))
    : null;
  return {
    source: parts.map((p) => p.source).join("\\x00"),
    exact: parts.every((p) => p.exact),
    literal,
    prefix: literal ?? parts[0]?.prefix ?? new Uint8Array(),
    suffix: literal ?? parts[parts.length - 1]?.suffix ?? new Uint8Array(),
    heads: literal ? [literal] : parts[0]?.heads ?? [new Uint8Array()],
    example: parts.length === 1 ? parts[0]!.example : null,
    infix: literal ?? parts.reduce<Uint8Array>((best, p) => (p.infix.length > best.length ? p.infix : best), new Uint8Array()),
    nfa,
  };
}

export interface Overlap {
  overlap: Answer;
  /** A path both globs match, for messages (non-printable bytes as \xNN). */
  example?: string;
  /** Work units spent on the question, for callers that bound a batch of questions. */
  work: number;
}

/** Whether some path is matched by both globs. */
export function globsOverlap(a: Glob, b: Glob, budget = DEFAULT_BUDGET): Overlap {
  if (a.literal && b.literal) {
    return equalBytes(a.literal, b.literal)
      ? { overlap: true, example: display(a.literal), work: 0 }
      : { overlap: false, work: 0 };
  }
  if (!affixesCompatible(a.prefix, b.prefix, false) || !affixesCompatible(a.suffix, b.suffix, true)) {
    return { overlap: false, work: 0 };
  }
  if (!a.nfa || !b.nfa) return { overlap: "unknown", work: 0 };
  const r = nfaOverlap(a.nfa, b.nfa, budget);
  return r.overlap === true
    ? { overlap: true, example: display(r.witness!), work: r.work }
    : { overlap: r.overlap, work: r.work };
}

export interface Inclusion {
  included: Answer;
  /** A path `inner` matches and `outer` does not, when `included` is false. */
  counterexample?: string;
  /** Work units spent on the question. */
  work: number;
}

/** Whether every path `inner` matches is also matched by `outer`. */
export function globIncludes(outer: Glob, inner: Glob, budget = DEFAULT_BUDGET): Inclusion {
  if (outer.literal && inner.literal) {
    return equalBytes(outer.literal, inner.literal)
      ? { included: true, work: 0 }
      : { included: false, counterexample: display(inner.literal), work: 0 };
  }
  if (!outer.nfa || !inner.nfa) return { included: "unknown", work: 0 };
  const r = nfaIncludes(outer.nfa, inner.nfa, budget);
  return r.included === false
    ? { included: false, counterexample: display(r.counterexample!), work: r.work }
    : { included: r.included, work: r.work };
}

/** Whether the glob matches the path (a literal string, not a glob). */
export function globMatches(glob: Glob, path: string, budget = DEFAULT_BUDGET): Answer {
  const bytes = utf8Codes(path);
  if (glob.literal) return equalBytes(glob.literal, bytes);
  if (!affixesCompatible(glob.prefix, bytes, false) || !affixesCompatible(glob.suffix, bytes, true)) return false;
  if (!containsBytes(bytes, glob.infix)) return false;
  if (!glob.nfa) return "unknown";
  return nfaMatches(glob.nfa, bytes, budget);
}

/** Parses globs once per distinct text. Keep one per unit of work (a profile, a file), not globally. */
export class GlobCache {
  private readonly map = new Map<string, GlobParse>();
  parse(aare: string): GlobParse {
    let hit = this.map.get(aare);
    if (!hit) {
      hit = parseGlob(aare);
      this.map.set(aare, hit);
    }
    return hit;
  }
}

// ---------------------------------------------------------------------------------------------------------

/** Whether `needle` occurs in `hay`. */
function containsBytes(hay: Bytes, needle: Uint8Array): boolean {
  const n = needle.length;
  if (n === 0) return true;
  const first = needle[0]!;
  outer: for (let i = 0; i + n <= hay.length; i++) {
    if (hay[i] !== first) continue;
    for (let j = 1; j < n; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

function equalBytes(a: Bytes, b: Bytes): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function affixesCompatible(a: Bytes, b: Bytes, fromEnd: boolean): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = fromEnd ? a[a.length - 1 - i] : a[i];
    const y = fromEnd ? b[b.length - 1 - i] : b[i];
    if (x !== y) return false;
  }
  return true;
}

/** The byte of a set with exactly one member, or -1. */
function singleton(set: Uint32Array): number {
  let found = -1;
  for (let w = 0; w < 8; w++) {
    const v = set[w]!;
    if (v === 0) continue;
    if (found >= 0 || (v & (v - 1)) !== 0) return -1;
    found = w * 32 + (31 - Math.clz32(v));
  }
  return found;
}

/** Alternative starts of a node past this many are merged into their common prefix. */
const MAX_HEADS = 16;

interface Head {
  bytes: number[];
  /** The alternative matches exactly `bytes`, so what follows the node follows them. */
  complete: boolean;
}

/** What the glob's fields say about its matches, for one node of the expression. */
interface Shape {
  /** Literal bytes at the start and end of every match. */
  prefix: number[];
  suffix: number[];
  /** Bytes every match contains, at least as long as `prefix` and `suffix`. */
  infix: number[];
  /** The node matches exactly the string `prefix` (and then prefix == suffix == infix). */
  complete: boolean;
  /** The literal bytes a match starts with, one alternative per branch of a leading alternation. */
  heads: Head[];
  /** A short match (no repetition, the shortest branch, readable bytes first), or null when there is none. */
  example: number[] | null;
}

/**
 * The shape of a node, in one walk. A glob is mostly a concatenation of single bytes, which are added to
 * the concatenation's arrays in place rather than given a shape each. Arrays of a returned shape are not
 * shared with each other, so a concatenation may extend its own heads in place.
 */
function shapeOf(node: RegexNode): Shape {
  switch (node.t) {
    case "eps":
      return { prefix: [], suffix: [], infix: [], complete: true, heads: [{ bytes: [], complete: true }], example: [] };
    case "set": {
      const b = singleton(node.set);
      if (b >= 0) return { prefix: [b], suffix: [b], infix: [b], complete: true, heads: [{ bytes: [b], complete: true }], example: [b] };
      const r = readableByte(node.set);
      return { prefix: [], suffix: [], infix: [], complete: false, heads: [{ bytes: [], complete: false }], example: r < 0 ? null : [r] };
    }
    case "cat":
      return catShape(node.items);
    case "alt": {
      const parts = node.items.map(shapeOf);
      const prefix = commonPrefix(parts.map((p) => p.prefix));
      const suffix = commonPrefix(parts.map((p) => [...p.suffix].reverse())).reverse();
      let example: number[] | null = null;
      for (const p of parts) if (p.example !== null && (example === null || p.example.length < example.length)) example = p.example;
      return {
        prefix, suffix, infix: suffix.length > prefix.length ? [...suffix] : [...prefix], complete: false,
        heads: capHeads(parts.flatMap((p) => p.heads)), example,
      };
    }
    case "star":
      return { prefix: [], suffix: [], infix: [], complete: false, heads: [{ bytes: [], complete: false }], example: [] };
    case "plus": {
      const p = shapeOf(node.item);
      return {
        prefix: p.prefix, suffix: p.suffix, infix: p.infix, complete: false,
        heads: p.heads.map((h) => ({ bytes: h.bytes, complete: false })), example: p.example,
      };
    }
  }
}

function catShape(items: readonly RegexNode[]): Shape {
  const prefix: number[] = [];
  /** Every part so far matched one string: the prefix is still growing. */
  let complete = true;
  let infix: number[] = [];
  /** Literal bytes since the last part that is not one string: contiguous in every match. */
  let run: number[] = [];
  let heads: Head[] = [{ bytes: [], complete: true }];
  let example: number[] | null = [];
  for (const item of items) {
    const b = item.t === "set" ? singleton(item.set) : -1;
    if (b >= 0) {
      if (complete) prefix.push(b);
      run.push(b);
      for (const h of heads) if (h.complete) h.bytes.push(b);
      example?.push(b);
      continue;
    }
    const p = shapeOf(item);
    if (complete) for (const x of p.prefix) prefix.push(x);
    for (const x of p.prefix) run.push(x);
    if (!p.complete) {
      complete = false;
      if (run.length > infix.length) infix = run;
      if (p.infix.length > infix.length) infix = p.infix;
      run = [...p.suffix];
    }
    if (heads.some((h) => h.complete)) {
      const next: Head[] = [];
      for (const h of heads) {
        if (!h.complete) next.push(h);
        else if (p.heads.length === 1) {
          for (const x of p.heads[0]!.bytes) h.bytes.push(x);
          h.complete = p.heads[0]!.complete;
          next.push(h);
        } else for (const t of p.heads) next.push({ bytes: [...h.bytes, ...t.bytes], complete: t.complete });
      }
      heads = capHeads(next);
    }
    if (example !== null) {
      if (p.example === null) example = null;
      else for (const x of p.example) example.push(x);
    }
  }
  if (complete) return { prefix, suffix: [...prefix], infix: [...prefix], complete, heads, example };
  if (run.length > infix.length) infix = [...run];
  return { prefix, suffix: run, infix, complete, heads, example };
}

function capHeads(heads: Head[]): Head[] {
  return heads.length <= MAX_HEADS ? heads : [{ bytes: commonPrefix(heads.map((h) => h.bytes)), complete: false }];
}

const READABLE = [..."abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ._-"].map((c) => c.charCodeAt(0));

/** A member of a non-empty set, a letter or digit when there is one. */
function readableByte(set: Uint32Array): number {
  for (const b of READABLE) if (setHas(set, b)) return b;
  for (let b = 0x20; b < 0x7f; b++) if (setHas(set, b)) return b;
  for (let b = 0; b < 256; b++) if (setHas(set, b)) return b;
  return -1;
}

/** Bytes as text when they are readable UTF-8 without control characters; otherwise null. */
function text(bytes: ArrayLike<number> | null): string | null {
  if (bytes === null) return null;
  let readable = true;
  for (let i = 0; i < bytes.length && readable; i++) readable = bytes[i]! >= 0x20 && bytes[i]! < 0x7f;
  if (readable && bytes.length <= 4096) return String.fromCharCode.apply(null, bytes as number[]);
  try {
    const t = strictUtf8.decode(Uint8Array.from(bytes));
    // eslint-disable-next-line no-control-regex
    return /[\x00-\x1f\x7f]/.test(t) ? null : t;
  } catch {
    return null;
  }
}

function commonPrefix(lists: number[][]): number[] {
  if (!lists.length) return [];
  const out: number[] = [];
  for (let i = 0; ; i++) {
    const b = lists[0]![i];
    if (b === undefined || lists.some((l) => l[i] !== b)) return out;
    out.push(b);
  }
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** Examples longer than this are shortened in the middle. */
const MAX_EXAMPLE = 160;

/** Bytes as readable text: UTF-8 where valid, control and invalid bytes as \xNN. */
function display(bytes: Uint8Array): string {
  if (bytes.length > MAX_EXAMPLE) {
    const half = MAX_EXAMPLE / 2;
    return `${display(bytes.subarray(0, half))}…${display(bytes.subarray(bytes.length - half))}`;
  }
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    const byte = (b: number) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, "0")}`);
    return [...bytes].map(byte).join("");
  }
  return text.replace(/[\x00-\x1f\x7f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, "0")}`);
}
