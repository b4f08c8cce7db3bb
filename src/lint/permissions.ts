/**
 * File permissions as sets: what a permission string such as `mrwk` or `Pix` grants, in the order
 * upstream's tools write them (aa-logprof: m r w a l k, then the exec mode).
 */

export type AccessLetter = "m" | "r" | "w" | "a" | "l" | "k";

/** Upstream's write order (utils/apparmor/rule/file.py file_permissions). */
export const LETTER_ORDER: readonly AccessLetter[] = ["m", "r", "w", "a", "l", "k"];

export interface ExecMode {
  /** i: inherit, p: discrete profile, c: child profile, u: unconfined, x: any (deny rules only). */
  kind: "i" | "p" | "c" | "u" | "x";
  /** The fallback of `pix`/`pux`/`cix`/`cux` when the target profile does not exist. */
  fallback: "i" | "u" | null;
  /** Upper case P/C/U: the environment is scrubbed (AT_SECURE) on the transition. */
  scrub: boolean;
  /** As written, e.g. `Pix`. */
  text: string;
}

export interface FilePerms {
  letters: Set<AccessLetter>;
  exec: ExecMode | null;
  /** Bare `file,`: every permission. */
  all: boolean;
  /** Characters that are not permissions (the compiler reports them); rules ignore such rules. */
  invalid: boolean;
}

const EXEC = /^(?:([pPcC])([iIuU])x|([iIuUpPcC])x|x)/;

export function parsePermissions(text: string, safety: "safe" | "unsafe" | null = null): FilePerms {
  const letters = new Set<AccessLetter>();
  let exec: ExecMode | null = null;
  let invalid = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if ((LETTER_ORDER as readonly string[]).includes(c)) {
      letters.add(c as AccessLetter);
      i++;
      continue;
    }
    const m = EXEC.exec(text.slice(i));
    if (!m) {
      invalid = true;
      i++;
      continue;
    }
    const tok = m[0];
    let mode: ExecMode;
    if (m[1]) {
      mode = {
        kind: m[1].toLowerCase() as "p" | "c",
        fallback: m[2]!.toLowerCase() as "i" | "u",
        scrub: m[1] === m[1].toUpperCase(),
        text: tok,
      };
    } else if (m[3]) {
      const k = m[3].toLowerCase() as "i" | "u" | "p" | "c";
      mode = { kind: k, fallback: null, scrub: k !== "i" && m[3] === m[3].toUpperCase(), text: tok };
    } else {
      mode = { kind: "x", fallback: null, scrub: false, text: tok };
    }
    if (exec && exec.text !== mode.text) invalid = true;
    exec = mode;
    i += tok.length;
  }
  if (exec && safety) exec = { ...exec, scrub: safety === "safe" };
  return { letters, exec, all: false, invalid };
}

/** What bare `file,` grants (upstream ranks it as `/**` with `mrwlkix`). */
export function allPermissions(): FilePerms {
  return {
    letters: new Set(LETTER_ORDER),
    exec: { kind: "i", fallback: null, scrub: false, text: "ix" },
    all: true,
    invalid: false,
  };
}

export function canonicalPermissions(p: FilePerms): string {
  return LETTER_ORDER.filter((l) => p.letters.has(l)).join("") + (p.exec?.text ?? "");
}

/** Write implies append, as upstream treats them when one rule covers another. */
export function effectiveLetters(p: FilePerms): Set<AccessLetter> {
  const s = new Set(p.letters);
  if (s.has("w")) s.add("a");
  return s;
}

export function writes(p: FilePerms): boolean {
  return p.letters.has("w") || p.letters.has("a");
}

/** Any letter or an exec mode: reading, writing, mapping, linking, locking or executing. */
export function grantsAnything(p: FilePerms): boolean {
  return p.letters.size > 0 || p.exec !== null;
}

const BIT: Record<AccessLetter, number> = { m: 1, r: 2, w: 4, a: 8, l: 16, k: 32 };

/** The letters as bits, with write implying append. */
function mask(p: FilePerms): number {
  let m = 0;
  for (const l of p.letters) m |= BIT[l];
  if (m & BIT.w) m |= BIT.a;
  return m;
}

/** Does `outer` grant at least what `inner` grants? Exec modes must be identical (their targets differ). */
export function permsCover(outer: FilePerms, inner: FilePerms): boolean {
  if (outer.all) return inner.exec === null || inner.exec.kind === "i";
  const im = mask(inner);
  if ((mask(outer) & im) !== im) return false;
  if (inner.exec) {
    if (!outer.exec) return false;
    if (outer.exec.kind !== inner.exec.kind || outer.exec.fallback !== inner.exec.fallback) return false;
    if (outer.exec.scrub !== inner.exec.scrub) return false;
  }
  return true;
}

/** Does a deny with permissions `deny` take away everything `allow` grants? */
export function denyCovers(deny: FilePerms, allow: FilePerms): boolean {
  if (deny.all) return true;
  const d = effectiveLetters(deny);
  for (const l of allow.letters) if (!d.has(l)) return false;
  if (allow.exec && !deny.exec) return false;
  return true;
}
