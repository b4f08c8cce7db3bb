/**
 * Finite automata over bytes for libapparmor_re expressions: a Thompson NFA per expression, and the two
 * questions the checks and the linter ask of a pair of them — is there a string both match, and does one
 * match everything the other does. Both searches are bounded: past the budget they answer "unknown"
 * instead of running on.
 */
import { type ByteSet, type RegexNode, setHas } from "./regex.js";

export interface Nfa {
  /** Number of states. */
  size: number;
  start: number;
  accept: number;
  /** Byte edges per state: sets and targets, in parallel. */
  edgeSets: ByteSet[][];
  edgeTargets: number[][];
  /** Epsilon edges per state. */
  eps: number[][];
  /** Epsilon closures computed so far (restricted to states with byte edges or accepting). */
  closures: Map<number, Int32Array>;
  /**
   * Scratch for nfaMatches, kept with the automaton so that a match allocates nothing per state: per state,
   * the last stamp it was reached at. Stamps only grow, so old marks never look current.
   */
  marks?: { at: number[]; stamp: number };
}

/** Past this many states an expression is not turned into an automaton at all. */
export const MAX_NFA_STATES = 250_000;

/** Work units a single overlap or inclusion question may spend. */
export const DEFAULT_BUDGET = 2_000_000;

export type Answer = boolean | "unknown";

class Builder {
  edgeSets: ByteSet[][] = [];
  edgeTargets: number[][] = [];
  eps: number[][] = [];

  state(): number {
    if (this.eps.length >= MAX_NFA_STATES) throw new TooLarge();
    this.edgeSets.push([]);
    this.edgeTargets.push([]);
    this.eps.push([]);
    return this.eps.length - 1;
  }

  /** Adds the fragment for `node` starting at `from`; returns its exit state. */
  build(node: RegexNode, from: number): number {
    switch (node.t) {
      case "eps":
        return from;
      case "set": {
        const to = this.state();
        this.edgeSets[from]!.push(node.set);
        this.edgeTargets[from]!.push(to);
        return to;
      }
      case "cat": {
        let cur = from;
        for (const item of node.items) cur = this.build(item, cur);
        return cur;
      }
      case "alt": {
        const end = this.state();
        for (const item of node.items) {
          const entry = this.state();
          this.eps[from]!.push(entry);
          this.eps[this.build(item, entry)]!.push(end);
        }
        return end;
      }
      case "star": {
        const loop = this.state();
        this.eps[from]!.push(loop);
        const entry = this.state();
        this.eps[loop]!.push(entry);
        this.eps[this.build(node.item, entry)]!.push(loop);
        return loop;
      }
      case "plus": {
        const entry = this.state();
        this.eps[from]!.push(entry);
        const exit = this.build(node.item, entry);
        const out = this.state();
        this.eps[exit]!.push(entry, out);
        return out;
      }
    }
  }
}

class TooLarge extends Error {}

/** A Thompson NFA for a parsed expression, or null when it would be too large to reason about. */
export function buildNfa(root: RegexNode): Nfa | null {
  const b = new Builder();
  try {
    const start = b.state();
    const accept = b.build(root, start);
    return {
      size: b.eps.length, start, accept, edgeSets: b.edgeSets, edgeTargets: b.edgeTargets, eps: b.eps,
      closures: new Map(),
    };
  } catch (e) {
    if (e instanceof TooLarge) return null;
    throw e;
  }
}

/** The NFA matching `a` followed by the byte `sep` followed by `b` (upstream's rule vectors). */
export function concatNfa(a: Nfa, sep: number, b: Nfa): Nfa | null {
  if (a.size + b.size + 1 > MAX_NFA_STATES) return null;
  const shift = a.size;
  const sepSet = new Uint32Array(8);
  sepSet[sep >>> 5] = 1 << (sep & 31);
  const edgeSets = [...a.edgeSets.map((e) => [...e]), ...b.edgeSets.map((e) => [...e])];
  const edgeTargets = [...a.edgeTargets.map((e) => [...e]), ...b.edgeTargets.map((e) => e.map((t) => t + shift))];
  const eps = [...a.eps.map((e) => [...e]), ...b.eps.map((e) => e.map((t) => t + shift))];
  edgeSets[a.accept]!.push(sepSet);
  edgeTargets[a.accept]!.push(b.start + shift);
  return {
    size: a.size + b.size, start: a.start, accept: b.accept + shift, edgeSets, edgeTargets, eps, closures: new Map(),
  };
}

/**
 * Epsilon closures, restricted to the states that matter (byte edges or accepting), computed on demand
 * and kept on the automaton, so a glob compared with many others computes each closure once.
 */
class Closures {
  constructor(private readonly nfa: Nfa, private readonly meter: Meter) {}

  of(s: number): Int32Array {
    const { nfa } = this;
    const hit = nfa.closures.get(s);
    if (hit) return hit;
    let arr: Int32Array;
    if (nfa.eps[s]!.length === 0) {
      arr = s === nfa.accept || nfa.edgeSets[s]!.length ? Int32Array.of(s) : new Int32Array(0);
    } else {
      const seen = new Set<number>([s]);
      const stack = [s];
      const out: number[] = [];
      while (stack.length) {
        const x = stack.pop()!;
        this.meter.spend(1);
        if (x === nfa.accept || nfa.edgeSets[x]!.length) out.push(x);
        for (const y of nfa.eps[x]!) {
          if (!seen.has(y)) {
            seen.add(y);
            stack.push(y);
          }
        }
      }
      out.sort((p, q) => p - q);
      arr = Int32Array.from(out);
    }
    nfa.closures.set(s, arr);
    return arr;
  }
}

class OverBudget extends Error {}

class Meter {
  spent = 0;
  constructor(private readonly budget: number) {}
  spend(n: number): void {
    this.spent += n;
    if (this.spent > this.budget) throw new OverBudget();
  }
}

function intersects(a: ByteSet, b: ByteSet): boolean {
  for (let i = 0; i < 8; i++) if ((a[i]! & b[i]!) !== 0) return true;
  return false;
}

/** All bytes, the ones that read well in a message first. */
const BYTE_ORDER: readonly number[] = (() => {
  const preferred = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ._-";
  const order = [...preferred].map((ch) => ch.charCodeAt(0));
  for (let x = 0x20; x < 0x7f; x++) if (!order.includes(x)) order.push(x);
  for (let x = 0; x < 256; x++) if (!order.includes(x)) order.push(x);
  return order;
})();

/** A representative byte of a non-empty intersection. */
function pickByte(a: ByteSet, b: ByteSet): number {
  for (const x of BYTE_ORDER) if (setHas(a, x) && setHas(b, x)) return x;
  return -1;
}

export interface OverlapResult {
  overlap: Answer;
  /** Work units spent. */
  work: number;
  /** A string both match, when `overlap` is true. */
  witness?: Uint8Array;
}

/** Whether some byte string is matched by both automata. */
export function nfaOverlap(a: Nfa, b: Nfa, budget = DEFAULT_BUDGET): OverlapResult {
  const meter = new Meter(budget);
  const ca = new Closures(a, meter);
  const cb = new Closures(b, meter);
  const nb = b.size;
  // Search nodes: pair key, parent node, and the two edge sets taken to get there (for the witness).
  const index = new Map<number, number>();
  const keys: number[] = [];
  const parents: number[] = [];
  const viaA: (ByteSet | null)[] = [];
  const viaB: (ByteSet | null)[] = [];
  const push = (x: number, y: number, from: number, sa: ByteSet | null, sb: ByteSet | null): boolean => {
    const key = x * nb + y;
    if (index.has(key)) return false;
    index.set(key, keys.length);
    keys.push(key);
    parents.push(from);
    viaA.push(sa);
    viaB.push(sb);
    return x === a.accept && y === b.accept;
  };
  const witness = (): Uint8Array => {
    const bytes: number[] = [];
    for (let n = keys.length - 1; parents[n]! >= 0; n = parents[n]!) bytes.push(pickByte(viaA[n]!, viaB[n]!));
    return Uint8Array.from(bytes.reverse());
  };
  try {
    for (const x of ca.of(a.start)) {
      for (const y of cb.of(b.start)) {
        meter.spend(1);
        if (push(x, y, -1, null, null)) return { overlap: true, witness: witness(), work: meter.spent };
      }
    }
    for (let n = 0; n < keys.length; n++) {
      const key = keys[n]!;
      const x = Math.floor(key / nb);
      const y = key - x * nb;
      const xs = a.edgeSets[x]!;
      const ys = b.edgeSets[y]!;
      for (let i = 0; i < xs.length; i++) {
        for (let j = 0; j < ys.length; j++) {
          meter.spend(1);
          if (!intersects(xs[i]!, ys[j]!)) continue;
          const tx = ca.of(a.edgeTargets[x]![i]!);
          const ty = cb.of(b.edgeTargets[y]![j]!);
          for (const x2 of tx) {
            for (const y2 of ty) {
              meter.spend(1);
              if (push(x2, y2, n, xs[i]!, ys[j]!)) return { overlap: true, witness: witness(), work: meter.spent };
            }
          }
        }
      }
    }
    return { overlap: false, work: meter.spent };
  } catch (e) {
    if (e instanceof OverBudget) return { overlap: "unknown", work: meter.spent };
    throw e;
  }
}

/**
 * Whether the automaton matches this byte string: the same question as the overlap of the automaton with
 * the string's own chain, answered by running the automaton over the bytes instead of building that chain
 * and searching the product. Work is counted as the product search counts it (one unit per edge tried,
 * one per state reached), so the budget gives "unknown" on the same automata.
 */
export function nfaMatches(nfa: Nfa, input: ArrayLike<number>, budget = DEFAULT_BUDGET): Answer {
  const meter = new Meter(budget);
  const closures = new Closures(nfa, meter);
  // marks[s] === stamp: s is already in the set being built for the current step.
  const scratch = (nfa.marks ??= { at: new Array<number>(nfa.size).fill(0), stamp: 0 });
  const marks = scratch.at;
  const base = scratch.stamp;
  scratch.stamp += input.length + 2;
  let current: number[] = [];
  try {
    for (const s of closures.of(nfa.start)) {
      meter.spend(1);
      if (marks[s] !== base + 1) {
        marks[s] = base + 1;
        current.push(s);
      }
    }
    for (let i = 0; i < input.length && current.length; i++) {
      const byte = input[i]!;
      const stamp = base + i + 2;
      const next: number[] = [];
      for (const x of current) {
        const sets = nfa.edgeSets[x]!;
        meter.spend(sets.length);
        for (let e = 0; e < sets.length; e++) {
          if (!setHas(sets[e]!, byte)) continue;
          const targets = closures.of(nfa.edgeTargets[x]![e]!);
          meter.spend(targets.length);
          for (const y of targets) {
            if (marks[y] !== stamp) {
              marks[y] = stamp;
              next.push(y);
            }
          }
        }
      }
      current = next;
    }
    return current.includes(nfa.accept);
  } catch (e) {
    if (e instanceof OverBudget) return "unknown";
    throw e;
  }
}

/** Numbers in ascending order, in place: the subsets are small, where Array.prototype.sort allocates a work area. */
function sortNumbers(a: number[]): number[] {
  if (a.length > 32) return a.sort((p, q) => p - q);
  for (let i = 1; i < a.length; i++) {
    const v = a[i]!;
    let j = i - 1;
    for (; j >= 0 && a[j]! > v; j--) a[j + 1] = a[j]!;
    a[j + 1] = v;
  }
  return a;
}

export interface InclusionResult {
  included: Answer;
  /** Work units spent. */
  work: number;
  /** A string `inner` matches and `outer` does not, when `included` is false. */
  counterexample?: Uint8Array;
}

/** Whether every string `inner` matches is matched by `outer` (lazy subset construction on `outer`). */
export function nfaIncludes(outer: Nfa, inner: Nfa, budget = DEFAULT_BUDGET): InclusionResult {
  const meter = new Meter(budget);
  const ci = new Closures(inner, meter);
  const co = new Closures(outer, meter);
  // Subsets of outer's states (sorted plain arrays: no typed array or Set per step), interned.
  const subsetIds = new Map<string, number>();
  const subsets: ArrayLike<number>[] = [];
  const intern = (s: ArrayLike<number>): number => {
    const k = Array.prototype.join.call(s, ",");
    let id = subsetIds.get(k);
    if (id === undefined) {
      id = subsets.length;
      subsets.push(s);
      subsetIds.set(k, id);
    }
    return id;
  };
  const scratch = (outer.marks ??= { at: new Array<number>(outer.size).fill(0), stamp: 0 });
  const stepCache = new Map<number, number>();
  /** The subset reached from subset `id` on byte `byte`. */
  const step = (id: number, byte: number): number => {
    const ck = id * 256 + byte;
    const hit = stepCache.get(ck);
    if (hit !== undefined) return hit;
    const stamp = ++scratch.stamp;
    const members: number[] = [];
    const subset = subsets[id]!;
    for (let m = 0; m < subset.length; m++) {
      const q = subset[m]!;
      const es = outer.edgeSets[q]!;
      for (let i = 0; i < es.length; i++) {
        meter.spend(1);
        if (!setHas(es[i]!, byte)) continue;
        for (const r of co.of(outer.edgeTargets[q]![i]!)) {
          if (scratch.at[r] !== stamp) {
            scratch.at[r] = stamp;
            members.push(r);
          }
        }
      }
    }
    const next = intern(sortNumbers(members));
    stepCache.set(ck, next);
    return next;
  };
  const accepts = (id: number) => Array.prototype.includes.call(subsets[id]!, outer.accept);

  // Search nodes (inner state, subset), by number; parent node and byte taken, for the counterexample.
  const index = new Map<number, number>();
  const nodeState: number[] = [];
  const nodeSubset: number[] = [];
  const parents: number[] = [];
  const bytesTaken: number[] = [];
  const push = (x: number, sid: number, from: number, byte: number): boolean => {
    const key = sid * inner.size + x;
    if (index.has(key)) return false;
    index.set(key, nodeState.length);
    nodeState.push(x);
    nodeSubset.push(sid);
    parents.push(from);
    bytesTaken.push(byte);
    return x === inner.accept && !accepts(sid);
  };
  const counter = (): Uint8Array => {
    const bytes: number[] = [];
    for (let n = nodeState.length - 1; parents[n]! >= 0; n = parents[n]!) bytes.push(bytesTaken[n]!);
    return Uint8Array.from(bytes.reverse());
  };
  try {
    const s0 = intern(co.of(outer.start));
    for (const x of ci.of(inner.start)) {
      if (push(x, s0, -1, 0)) return { included: false, counterexample: counter(), work: meter.spent };
    }
    for (let qi = 0; qi < nodeState.length; qi++) {
      const x = nodeState[qi]!;
      const sid = nodeSubset[qi]!;
      const xs = inner.edgeSets[x]!;
      for (let i = 0; i < xs.length; i++) {
        const targets = ci.of(inner.edgeTargets[x]![i]!);
        // Bytes of this edge grouped by the subset they lead to.
        const seen = new Map<number, number>();
        for (const byte of BYTE_ORDER) {
          if (!setHas(xs[i]!, byte)) continue;
          const next = step(sid, byte);
          if (!seen.has(next)) seen.set(next, byte);
        }
        for (const [next, byte] of seen) {
          for (const x2 of targets) {
            meter.spend(1);
            if (push(x2, next, qi, byte)) return { included: false, counterexample: counter(), work: meter.spent };
          }
        }
      }
    }
    return { included: true, work: meter.spent };
  } catch (e) {
    if (e instanceof OverBudget) return { included: "unknown", work: meter.spent };
    throw e;
  }
}
