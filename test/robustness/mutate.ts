/**
 * Input mutations for the property tests and the fuzzer: the ways real files get broken (truncated,
 * edited, mis-encoded) and the ways hostile input tries to break a parser (deep nesting, huge tokens).
 */

export type Mutation =
  | { kind: "flip"; at: number; byte: number }
  | { kind: "truncate"; at: number }
  | { kind: "duplicateLine"; line: number }
  | { kind: "deleteLine"; line: number }
  | { kind: "insert"; at: number; text: string }
  | { kind: "nest"; at: number; depth: number; open: string }
  | { kind: "hugeToken"; at: number; length: number; ch: string }
  | { kind: "longLine"; at: number; length: number };

/** Fragments that matter to the scanner's states: worth splicing in anywhere. */
export const SPLICES = [
  "\u0000", "\uFFFD", "\r", "\r\n", "\\", "\"", "#", "#include ", "include ", "@{", "${", "}", "{", ")", "(", ",",
  "->", "=", "+=", ":=", "^", "profile ", "hat ", "if ", "else ", "network ", "dbus ", "mount ", "peer=(",
  "flags=(", "xattrs=(", "priority=", "set rlimit ", "owner ", "deny ", "audit ", "/**", " rw,", " px,",
  "\n}\n", "{a,{b,", "[", "]", "@{HOME}", "\t", "\u00e9", "\uD800",
];

export function applyMutation(text: string, m: Mutation): string {
  const lines = () => text.split("\n");
  switch (m.kind) {
    case "flip": {
      const at = m.at % Math.max(1, text.length);
      return text.slice(0, at) + String.fromCharCode(m.byte) + text.slice(at + 1);
    }
    case "truncate":
      return text.slice(0, m.at % (text.length + 1));
    case "duplicateLine": {
      const ls = lines();
      const i = m.line % ls.length;
      ls.splice(i, 0, ls[i]!);
      return ls.join("\n");
    }
    case "deleteLine": {
      const ls = lines();
      ls.splice(m.line % ls.length, 1);
      return ls.join("\n");
    }
    case "insert": {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case "nest": {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.open.repeat(m.depth) + text.slice(at);
    }
    case "hugeToken": {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.ch.repeat(m.length) + text.slice(at);
    }
    case "longLine": {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + "/a".repeat(m.length) + " r," + text.slice(at);
    }
  }
}

/** A deterministic pseudo-random source (mulberry32), so a fuzz run can be replayed from its seed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomMutation(rand: () => number): Mutation {
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(xs: readonly T[]) => xs[int(xs.length)]!;
  switch (int(8)) {
    case 0: return { kind: "flip", at: int(1 << 20), byte: int(256) };
    case 1: return { kind: "truncate", at: int(1 << 20) };
    case 2: return { kind: "duplicateLine", line: int(1 << 16) };
    case 3: return { kind: "deleteLine", line: int(1 << 16) };
    case 4: return { kind: "insert", at: int(1 << 20), text: pick(SPLICES) };
    case 5: return { kind: "nest", at: int(1 << 20), depth: 1 + int(3000), open: pick(["{", "(", "if $B {", "{a,", "not ", "audit {"]) };
    case 6: return { kind: "hugeToken", at: int(1 << 20), length: 1 + int(200_000), ch: pick(["a", "/", "*", "{", ",", "@"]) };
    default: return { kind: "longLine", at: int(1 << 20), length: 1 + int(50_000) };
  }
}
