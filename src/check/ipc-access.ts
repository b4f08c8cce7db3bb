/**
 * What the dbus, signal, ptrace, mqueue, io_uring and userns checks share: reading an access list the way
 * upstream's grammar actions do (parser_yacc.y `*_perm` and parse_X_perms in parser_misc.c), and walking
 * conditionals in the order upstream's constructors see them.
 */
import type { Access, AccessWord, Condition, Range, Word } from "../ast/nodes.js";
import { spanRange } from "../ast/build.js";
import { aareError } from "../aare/validate.js";
import type { ResolvedProfile, ResolvedRule } from "../resolve/model.js";
import type { CheckContext } from "./context.js";

/** How one rule kind reads its access words. */
export interface AccessTable {
  /** The rule keyword, for messages of our own. */
  rule: string;
  /** The rule name upstream puts in "unexpected %s perms character" (`DBus`, `signal`, …). */
  label: string;
  /** Access words and the permission bits they stand for. */
  words: Readonly<Record<string, number>>;
  /** Bits of the `r` and `w` letters, when an unknown word is read as a string of letters. */
  read: number;
  write: number;
  /**
   * io_uring: an unknown word inside parentheses grants nothing and is not an error, because its grammar
   * action has no letter fallback.
   */
  ignoreUnknownValues?: boolean;
}

export type AccessResult =
  | { ok: true; perms: number }
  | { ok: false; word: AccessWord; message: string; help?: string };

/**
 * The permission bits an access list grants (0 for none written, as upstream: `()` means "use the
 * defaults"), or the first word upstream rejects.
 */
export function readAccess(access: Access | null, table: AccessTable): AccessResult {
  let perms = 0;
  if (!access) return { ok: true, perms };
  for (const word of access.words) {
    const known = Object.hasOwn(table.words, word.value) ? table.words[word.value]! : undefined;
    if (word.kind !== "mode" && known !== undefined) {
      perms |= known;
      continue;
    }
    if (word.kind === "value" && table.ignoreUnknownValues) continue;
    if (word.kind === "keyword" || (word.kind === "mode" && table.ignoreUnknownValues)) {
      // The scanner only makes keywords of words the rule accepts, except where a rule keeps the
      // profile-level scanner state (io_uring), so this is upstream's syntax error.
      return {
        ok: false,
        word,
        message: `unexpected '${word.raw}' in the ${table.rule} rule`,
        help: `${table.rule} access is one of: ${Object.keys(table.words).join(", ")}`,
      };
    }
    const letters = readLetters(word, table);
    if (!letters.ok) return letters;
    perms |= letters.perms;
  }
  return { ok: true, perms };
}

/** parse_X_perms: every character must be r or w (upper case is accepted with a warning upstream). */
function readLetters(word: AccessWord, table: AccessTable): AccessResult {
  let perms = 0;
  for (const ch of word.value) {
    const c = ch.toLowerCase();
    if (c === "r") perms |= table.read;
    else if (c === "w") perms |= table.write;
    else {
      return {
        ok: false,
        word,
        message: `Internal: unexpected ${table.label} perms character '${ch}' in input`,
        help: `unknown access '${word.value}'; use one of: ${Object.keys(table.words).join(", ")}`,
      };
    }
  }
  return { ok: true, perms };
}

/**
 * Upstream's grammar builds conditional lists by prepending (`$2->next = $1`), so constructors meet the
 * conditionals last-written first; the first error they stop at is the one of the last-written one.
 */
export function upstreamOrder(conditions: readonly Condition[]): Condition[] {
  return [...conditions].reverse();
}

/** The values of a conditional, or the conditional itself when it has none. */
export function valuesRange(cond: Condition): Range {
  const vs = cond.values;
  if (vs.length === 0) return cond.range;
  return spanRange(vs[0]!.range, vs[vs.length - 1]!.range);
}

/** The first value of a conditional: upstream's move_conditional_value keeps only that one. */
export function firstValue(cond: Condition): string | null {
  return cond.values[0]?.value ?? null;
}

/**
 * A value the compiler expands and then turns into a DFA pattern (peer labels, dbus names …): reports an
 * undefined variable or a malformed glob. Returns false when it reported something.
 */
export function checkPattern(word: Word, rule: ResolvedRule, profile: ResolvedProfile, ctx: CheckContext): boolean {
  const value = ctx.expand(word, rule, profile);
  if (value === null) return false;
  const err = aareError(value);
  if (!err) return true;
  ctx.report(rule, word.range, err);
  return false;
}
