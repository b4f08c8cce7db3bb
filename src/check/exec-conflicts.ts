/**
 * Conflicting exec modes across the rules of one profile ("conflicting x modifiers").
 *
 * Upstream finds them twice. When it merges rules (parser_merge.c), entries with the same path, mode,
 * audit flag and priority are combined, and their exec types must agree. When it builds the DFA
 * (hfa.cc), every path matched by two allow rules of the same priority and the same exactness must get one
 * exec type; an exact rule (no wildcards) overrides a wildcard rule instead of conflicting with it, and
 * deny rules never conflict. Only rules with an exec permission take part, so only those are compared,
 * and only pairs whose exec types differ are tested for a common path.
 *
 * change_profile rules with an exec path take part in the same DFA, but they only ever meet each other
 * there; the change_profile check handles them.
 */
import type { FileRule, Range, Word } from "../ast/nodes.js";
import type { ResolvedProfile, ResolvedRule } from "../resolve/model.js";
import { DEFAULT_BUDGET, GlobCache, type Glob, globsOverlap } from "../aare/glob.js";
import { filterSlashes } from "../aare/convert.js";
import type { Check, CheckContext } from "./context.js";
import {
  type EntryAudit, type EntryMode, EXEC_TYPE, type Halves, P, modelFileRule, transitionTable, withTransition,
} from "./file.js";

/** One exec-carrying entry of the profile, as upstream holds it before and after merging. */
interface ExecEntry {
  rule: ResolvedRule;
  /** The path after variable expansion (the merge key). */
  name: string;
  mode: EntryMode;
  audit: EntryAudit;
  priority: number;
  halves: Halves;
  /** How the rule reads, for messages. */
  label: string;
  range: Range;
}

/** The exec type of a half, or null when the half cannot exec. */
function execKey(half: number): number | null {
  return half & P.exec ? half & EXEC_TYPE : null;
}

/** is_merged_x_consistent: every half where both may exec has the same exec type. */
function consistent(a: Halves, b: Halves): boolean {
  const u1 = execKey(a.user), u2 = execKey(b.user);
  if (u1 !== null && u2 !== null && u1 !== u2) return false;
  const o1 = execKey(a.other), o2 = execKey(b.other);
  return o1 === null || o2 === null || o1 === o2;
}

/** The entries of a profile that can exec, with aliases applied. */
function execEntries(profile: ResolvedProfile, ctx: CheckContext): ExecEntry[] {
  const table = transitionTable(profile);
  const out: ExecEntry[] = [];
  for (const rule of profile.rules) {
    if (!rule.live) continue;
    const node = rule.node;
    if (node.type === "FileRule") {
      const model = modelFileRule(node, rule.blocks);
      if (model.issues.length) continue;
      const halves = withTransition(model.entry.halves, table.index.get(rule));
      if (!((halves.user | halves.other) & P.exec)) continue;
      const name = node.path ? ctx.expand(node.path, rule, profile) : "/{**,}";
      if (name === null) continue;
      out.push({
        rule, name, mode: model.entry.mode, audit: model.entry.audit,
        priority: model.entry.priority, halves, label: ruleLabel(node, model.transition),
        range: node.permissions?.range ?? node.range,
      });
    }
  }
  return withAliases(out, ctx);
}

/** replace_profile_aliases: every file entry under an alias's source also exists under its target. */
function withAliases(entries: ExecEntry[], ctx: CheckContext): ExecEntry[] {
  const seen = new Set<string>();
  const aliases = ctx.program.aliases
    .map((a) => ({ from: a.node.from.value, to: a.node.to.value }))
    .filter((a) => (seen.has(`${a.from}\0${a.to}`) ? false : (seen.add(`${a.from}\0${a.to}`), true)))
    .sort((a, b) => (a.from === b.from ? cmp(a.to, b.to) : cmp(a.from, b.from)));
  if (!aliases.length) return entries;
  const out = [...entries];
  for (const alias of aliases) {
    for (const e of entries) {
      if (e.name.startsWith(alias.from)) {
        const name = alias.to + e.name.slice(alias.from.length);
        out.push({ ...e, name, label: `${e.label}, as ${name} through 'alias ${alias.from} -> ${alias.to}'` });
      }
    }
  }
  return out;
}

/** The rule as written, without its prefix, for messages. */
function ruleLabel(node: FileRule, transition: Word | null): string {
  if (node.bare || !node.path || !node.permissions) return "file";
  const parts = [node.safety ?? ""];
  if (node.leadingPermissions) parts.push(node.permissions.raw, node.path.raw);
  else parts.push(node.path.raw, node.permissions.raw);
  if (transition) parts.push("->", transition.raw);
  return parts.filter(Boolean).join(" ");
}

/**
 * Work one profile may spend on overlap questions in all. Real profiles need a tiny fraction of it; a
 * profile full of pathological globs stops being checked for conflicts instead of hanging.
 */
const PROFILE_BUDGET = 10 * DEFAULT_BUDGET;

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function line(rule: ResolvedRule, range: Range): string {
  return `line ${range.start.line}${rule.chain.length ? ` of ${rule.file}` : ""}`;
}

export const execConflictCheck: Check = {
  code: "AA2021",
  name: "exec-conflict",

  profile(profile, ctx) {
    if (!profile.live) return;
    const entries = execEntries(profile, ctx);
    if (entries.length < 2) return;

    // Merge stage: entries that upstream combines into one must agree on the exec type.
    const groups = new Map<string, ExecEntry[]>();
    for (const e of entries) {
      const key = JSON.stringify([e.mode, e.audit, e.priority, e.name]);
      const g = groups.get(key);
      if (g) g.push(e);
      else groups.set(key, [e]);
    }
    let mergeConflict = false;
    const merged: ExecEntry[] = [];
    for (const group of groups.values()) {
      const acc: ExecEntry = { ...group[0]!, halves: { ...group[0]!.halves } };
      for (const e of group.slice(1)) {
        if (!consistent(acc.halves, e.halves)) {
          const other = group.find((g) => !consistent(g.halves, e.halves))!;
          mergeConflict = true;
          ctx.report(e.rule, e.range,
            `profile ${profile.node.name.value}: has merged rule ${e.name} with conflicting x modifiers`, {
              help: `'${e.label}' and '${other.label}' (${line(other.rule, other.range)}) give the same path different exec modes; keep one`,
            });
          break;
        }
        acc.halves.user |= e.halves.user;
        acc.halves.other |= e.halves.other;
      }
      merged.push(acc);
    }
    if (mergeConflict) return;

    // DFA stage: distinct allow entries of equal priority and exactness must not share a path.
    const cache = new GlobCache();
    const candidates: { e: ExecEntry; glob: Glob }[] = [];
    for (const e of merged) {
      if (e.mode !== "unspecified" && e.mode !== "allow") continue;
      const g = cache.parse(filterSlashes(e.name));
      if (g.ok) candidates.push({ e, glob: g.glob });
    }
    const reported = new Set<ResolvedRule>();
    let budget = PROFILE_BUDGET;
    for (let j = 1; j < candidates.length && budget > 0; j++) {
      const b = candidates[j]!;
      if (reported.has(b.e.rule)) continue;
      for (let i = 0; i < j; i++) {
        const a = candidates[i]!;
        if (a.e.rule === b.e.rule) continue;
        if (a.e.priority !== b.e.priority || a.glob.exact !== b.glob.exact) continue;
        if (consistent(a.e.halves, b.e.halves)) continue;
        const o = globsOverlap(a.glob, b.glob, Math.min(budget, DEFAULT_BUDGET));
        budget -= o.work;
        if (o.overlap !== true) continue;
        reported.add(b.e.rule);
        ctx.report(b.e.rule, b.e.range, "profile has merged rule with conflicting x modifiers", {
          help: `'${b.e.label}' and '${a.e.label}' (${line(a.e.rule, a.e.range)}) both match '${o.example}' with different exec modes`,
        });
        break;
      }
    }
  },
};
