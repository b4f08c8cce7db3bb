/**
 * What a profile means, stripped of how it is written: the AST without positions, with every spelling the
 * formatter canonicalises reduced to one form, and with the comments. Two texts with equal meanings compile
 * to the same policy; the format tests compare the meaning of every input with that of its output.
 *
 * Written independently of the printer (it does not call ./canonical.ts for permissions) so that a mistake
 * in a canonical spelling cannot hide itself.
 */
import type * as A from "../ast/nodes.js";

export interface MeaningOptions {
  /** Compare each body's rules as a multiset (for `--sort` output); otherwise in order. */
  unordered?: boolean;
}

/** Fields that are position or spelling only. */
const IGNORED = new Set(["range", "raw", "rawName", "quoted", "legacy"]);

/** The meaning of a permission string: its access letters as a set, its exec modes in order. */
function permissionMeaning(raw: string): string {
  const letters = new Set<string>();
  const exec: string[] = [];
  for (const unit of raw.match(/[PpCc]?[IiUu][Xx]|[PpCc][Xx]|[RrWwaLlMmkXx]/g) ?? []) {
    if (/^[RrWwaLlMmk]$/.test(unit)) letters.add(unit.toLowerCase());
    else exec.push(unit.replace(/[IX]/g, (c) => c.toLowerCase()));
  }
  return JSON.stringify({ letters: [...letters].sort().join(""), exec });
}

/** A set, serialised: its members' serialisations in code-unit order. */
function set(members: string[]): string {
  return `[${members.sort().join(",")}]`;
}

/** Serialises straight to JSON text, so that sets sort their members' text without serialising twice. */
class Reducer {
  constructor(private readonly opts: MeaningOptions) {}

  node(v: unknown): string {
    if (v === null || v === undefined) return "null";
    if (typeof v === "boolean" || typeof v === "number") return String(v);
    if (typeof v !== "object") return JSON.stringify(v);
    if (Array.isArray(v)) return `[${this.members(v).join(",")}]`;
    const o = v as Record<string, unknown>;
    const parts: string[] = [];
    for (const k in o) {
      if (IGNORED.has(k) || k.endsWith("Range")) continue;
      // Only the File's list is the source's comments; Prettier hangs copies on the nodes it attaches them to.
      if (k === "comments" && o["type"] !== "File") continue;
      // Keys are identifiers: no escaping needed.
      parts.push(`"${k}":${this.field(o, k, o[k])}`);
    }
    return `{${parts.join(",")}}`;
  }

  private members(xs: unknown): string[] {
    return (xs as unknown[]).map((x) => this.node(x));
  }

  private field(owner: Record<string, unknown>, key: string, x: unknown): string {
    const type = owner["type"];
    if (key === "comments") return set((x as A.Comment[]).map((c) => JSON.stringify(c.text.trimEnd())));
    if (type === "FileRule" && key === "permissions" && x) return permissionMeaning((x as A.Word).raw);
    // `flags=( … )` and the bare `( … )` are one thing; flags, identities, capability names, conditional
    // values and parenthesised access lists are sets.
    if (key === "flags" && x) return set(this.members((x as A.Flags).values));
    if (key === "values" && type !== "VariableAssignment") return set(this.members(x));
    if (key === "names") return set(this.members(x));
    if (key === "words" && owner["parenthesized"] === true) return set(this.members(x));
    if (key === "body" && this.opts.unordered) return set(this.members(x));
    return this.node(x);
  }
}

/** The meaning of a parsed file, as a JSON string that two equivalent files share. */
export function meaning(ast: A.File, options: MeaningOptions = {}): string {
  return new Reducer(options).node(ast);
}

/**
 * The first place two meanings differ, for test failure messages: the JSON paths around the first differing
 * character.
 */
export function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return "";
  return `…${a.slice(Math.max(0, i - 120), i + 80)}\n  vs\n…${b.slice(Math.max(0, i - 120), i + 80)}`;
}
