/**
 * The linter's window on glob reasoning. The automaton lives in src/aare; this file only adapts it to the
 * questions rules ask, and makes them cheap enough to ask for every rule of every profile:
 *
 * - answers are remembered by glob text, for the whole run (abstractions are included by most profiles,
 *   so the same questions come back for every file);
 * - inclusion, which needs a subset construction, is first tested on one path the inner glob matches:
 *   if the outer glob does not match that path, the answer is no without building anything;
 * - pairs whose fixed prefixes or suffixes disagree are rejected before the automaton is consulted.
 */
import { type Glob, GlobCache, globIncludes, globMatches, globsOverlap } from "../aare/glob.js";

export type { Glob };

/** true / false, or "unknown" when the globs were too complex to decide within the automaton's budget. */
export type Answer = boolean | "unknown";

export class Globs {
  private readonly cache = new GlobCache();
  // Keyed by the Glob objects GlobCache hands out (one per text), so no key strings are built.
  private readonly included = new Map<Glob, Map<Glob, Answer>>();
  private readonly overlapping = new Map<Glob, Map<Glob, { answer: Answer; example?: string }>>();
  private readonly matched = new Map<Glob, Map<string, Answer>>();
  private readonly samples = new Map<Glob, string | null>();

  /** The glob for an already expanded AARE, or null when it does not parse (the compiler reports that). */
  parse(aare: string): Glob | null {
    const r = this.cache.parse(aare);
    return r.ok ? r.glob : null;
  }

  /** Does `outer` match every path `inner` matches? */
  includes(outer: Glob, inner: Glob): Answer {
    const row = rowOf(this.included, outer);
    let hit = row.get(inner);
    if (hit !== undefined) return hit;
    if (!compatible(outer.prefix, inner.prefix, false) || !compatible(outer.suffix, inner.suffix, true)) {
      hit = false;
    } else {
      const sample = this.sample(inner);
      if (sample !== null && this.matches(outer, sample) === false) hit = false;
      else if (inner.literal && sample !== null) hit = this.matches(outer, sample);
      else hit = globIncludes(outer, inner).included;
    }
    row.set(inner, hit);
    return hit;
  }

  /** Is there a path both match? With an example path when there is. */
  overlaps(a: Glob, b: Glob): { answer: Answer; example?: string } {
    const row = rowOf(this.overlapping, a);
    let hit = row.get(b);
    if (hit) return hit;
    if (!compatible(a.prefix, b.prefix, false) || !compatible(a.suffix, b.suffix, true)) {
      hit = { answer: false };
    } else {
      const r = globsOverlap(a, b);
      hit = r.example === undefined ? { answer: r.overlap } : { answer: r.overlap, example: r.example };
    }
    row.set(b, hit);
    return hit;
  }

  /** Does the glob match this literal path? */
  matches(glob: Glob, path: string): Answer {
    const row = rowOf(this.matched, glob);
    let hit = row.get(path);
    if (hit !== undefined) return hit;
    hit = !compatibleText(glob.prefix, path, false) || !compatibleText(glob.suffix, path, true)
      ? false
      : globMatches(glob, path);
    row.set(path, hit);
    return hit;
  }

  /** One path the glob matches, or null when none could be found cheaply. */
  private sample(glob: Glob): string | null {
    if (this.samples.has(glob)) return this.samples.get(glob)!;
    let s: string | null = null;
    if (glob.literal) s = new TextDecoder().decode(glob.literal);
    else {
      const r = globsOverlap(glob, glob);
      // Examples show undecodable bytes as \xNN; such a text is not a path the glob matches.
      if (r.overlap === true && r.example !== undefined && !r.example.includes("\\x")) s = r.example;
    }
    this.samples.set(glob, s);
    return s;
  }
}

function rowOf<K, V>(outer: Map<Glob, Map<K, V>>, key: Glob): Map<K, V> {
  let m = outer.get(key);
  if (!m) outer.set(key, (m = new Map()));
  return m;
}

/** One byte string is a prefix (or, from the end, a suffix) of the other. */
function compatible(a: Uint8Array, b: Uint8Array, fromEnd: boolean): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = fromEnd ? a[a.length - 1 - i] : a[i];
    const y = fromEnd ? b[b.length - 1 - i] : b[i];
    if (x !== y) return false;
  }
  return true;
}

/** `compatible` against a string, without encoding it when it is ASCII (probe paths are). */
function compatibleText(bytes: Uint8Array, text: string, fromEnd: boolean): boolean {
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(text)) return compatible(bytes, new TextEncoder().encode(text), fromEnd);
  const n = Math.min(bytes.length, text.length);
  for (let i = 0; i < n; i++) {
    const x = fromEnd ? bytes[bytes.length - 1 - i] : bytes[i];
    const y = fromEnd ? text.charCodeAt(text.length - 1 - i) : text.charCodeAt(i);
    if (x !== y) return false;
  }
  return true;
}

/** A literal path as an AARE: glob characters escaped so that it matches only itself. */
export function literalAare(path: string): string {
  return path.replace(/[\\*?[\]{}^]/g, (c) => "\\" + c);
}
