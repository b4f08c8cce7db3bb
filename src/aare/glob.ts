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
import { convertAare, filterSlashes } from "./convert.js";
import { type Answer, DEFAULT_BUDGET, type Nfa, buildNfa, concatNfa, nfaIncludes, nfaOverlap } from "./automaton.js";
import { type RegexNode, parseRegex } from "./regex.js";
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
  /** null when the glob is too large to turn into an automaton; questions about it answer "unknown". */
  readonly nfa: Nfa | null;
}

export type GlobParse = { ok: true; glob: Glob } | { ok: false; error: string };

/** Parses an AARE (after variable expansion) into a glob, or returns upstream's error for it. */
export function parseGlob(aare: string): GlobParse {
  const conv = convertAare(aare);
  if (conv.errors.length) return { ok: false, error: primaryAareError(conv.errors) };
  const parsed = parseRegex(conv.pcre);
  if (!parsed.ok) return { ok: false, error: `Regex error: ${parsed.message}` };
  const shape = affixes(parsed.root);
  return {
    ok: true,
    glob: {
      source: aare,
      exact: parsed.exact,
      literal: shape.complete ? Uint8Array.from(shape.prefix) : null,
      prefix: Uint8Array.from(shape.prefix),
      suffix: Uint8Array.from(shape.suffix),
      nfa: buildNfa(parsed.root),
    },
  };
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
export function globMatches(glob: Glob, path: string): Answer {
  const bytes = new TextEncoder().encode(path);
  if (glob.literal) return equalBytes(glob.literal, bytes);
  const lit = literalGlob(bytes);
  return globsOverlap(glob, lit).overlap;
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

function literalGlob(bytes: Uint8Array): Glob {
  const items: RegexNode[] = [...bytes].map((b) => {
    const set = new Uint32Array(8);
    set[b >>> 5] = 1 << (b & 31);
    return { t: "set", set };
  });
  const nfa = buildNfa({ t: "cat", items });
  return { source: "", exact: true, literal: bytes, prefix: bytes, suffix: bytes, nfa };
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function affixesCompatible(a: Uint8Array, b: Uint8Array, fromEnd: boolean): boolean {
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

interface Shape {
  prefix: number[];
  suffix: number[];
  /** The node matches exactly the string `prefix` (and then prefix == suffix). */
  complete: boolean;
}

/** Literal bytes at the start and end of every match. */
function affixes(node: RegexNode): Shape {
  switch (node.t) {
    case "eps":
      return { prefix: [], suffix: [], complete: true };
    case "set": {
      const b = singleton(node.set);
      return b < 0 ? { prefix: [], suffix: [], complete: false } : { prefix: [b], suffix: [b], complete: true };
    }
    case "cat": {
      const parts = node.items.map(affixes);
      const prefix: number[] = [];
      for (const p of parts) {
        for (const b of p.prefix) prefix.push(b);
        if (!p.complete) break;
      }
      const complete = parts.every((p) => p.complete);
      if (complete) return { prefix, suffix: prefix, complete };
      const reversed: number[] = [];
      for (let i = parts.length - 1; i >= 0; i--) {
        const sfx = parts[i]!.suffix;
        for (let j = sfx.length - 1; j >= 0; j--) reversed.push(sfx[j]!);
        if (!parts[i]!.complete) break;
      }
      return { prefix, suffix: reversed.reverse(), complete };
    }
    case "alt": {
      const parts = node.items.map(affixes);
      const prefix = commonPrefix(parts.map((p) => p.prefix));
      const suffix = commonPrefix(parts.map((p) => [...p.suffix].reverse())).reverse();
      return { prefix, suffix, complete: false };
    }
    case "star":
      return { prefix: [], suffix: [], complete: false };
    case "plus": {
      const p = affixes(node.item);
      return { prefix: p.prefix, suffix: p.suffix, complete: false };
    }
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

const utf8 = new TextDecoder("utf-8", { fatal: true });

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
    text = utf8.decode(bytes);
  } catch {
    const byte = (b: number) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, "0")}`);
    return [...bytes].map(byte).join("");
  }
  return text.replace(/[\x00-\x1f\x7f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, "0")}`);
}
