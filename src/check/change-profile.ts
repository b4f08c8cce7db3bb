/**
 * change_profile rules: `change_profile [safe|unsafe] [EXEC] [-> TARGET],` (the change_profile action in
 * parser_yacc.y, process_dfa_entry in parser_regex.c).
 *
 * While parsing: safe/unsafe needs an exec condition, which must be a path. For compiled rules: exec and
 * target are expanded and compiled into DFA patterns, and rules whose (exec, target) pairs overlap must
 * agree on safe/unsafe (no keyword means safe): upstream gives a change_profile rule with an exec
 * condition exec permission bits, and `unsafe` an exec type, so the conflict is the one file rules have
 * (parser_merge.c for identical rules, accept_perms in libapparmor_re/hfa.cc for overlapping ones).
 * change_profile rules only ever meet each other there: their DFA strings hold a NUL between exec and
 * target, which no file path can match.
 *
 * Prefixes and the exec-qualifier check a qualifier block applies to the rule belong to the prefix check.
 * Under upstream's test harness the kernel supports stacking, so the target is not
 * parsed as a label (`&x`, `:ns:name` are plain patterns here).
 */
import type { ChangeProfileRule } from "../ast/nodes.js";
import { aareError } from "../aare/validate.js";
import { GlobCache, type Glob, globSequence, globsOverlap } from "../aare/glob.js";
import type { ResolvedProfile, ResolvedRule } from "../resolve/model.js";
import type { Check, CheckContext } from "./context.js";

/** The target of a rule without `->`: any profile. */
const ANY_TARGET = "**";

export const changeProfileCheck: Check = {
  code: "AA2062",
  name: "change-profile-rule",
  rule(rule, profile, ctx) {
    if (rule.node.type !== "ChangeProfileRule") return;
    const node = rule.node;
    if (!checkParsed(node, rule, ctx) || !rule.live) return;
    checkCompiled(node, rule, profile, ctx);
  },
  profile(profile, ctx) {
    if (profile.live) checkConflicts(profile, ctx);
  },
};

function checkParsed(node: ChangeProfileRule, rule: ResolvedRule, ctx: CheckContext): boolean {
  if (node.safety && !node.exec) {
    ctx.report(rule, node.safetyRange ?? node.range,
      "Exec condition is required when unsafe or safe keywords are present",
      { help: `write the program it applies to: change_profile ${node.safety} /path/to/program -> …` });
    return false;
  }
  const exec = node.exec;
  if (exec && !(exec.value.startsWith("/") || exec.value.startsWith("@{"))) {
    ctx.report(rule, exec.range, "Exec condition must begin with '/'.", {
      help: exec.value.startsWith("@") ? "write the variable with braces: @{NAME}" : undefined,
    });
    return false;
  }
  return true;
}

/** Expansion of exec and target, then their compilation into DFA patterns. */
function checkCompiled(
  node: ChangeProfileRule, rule: ResolvedRule, profile: ResolvedProfile, ctx: CheckContext,
): void {
  const exec = node.exec ? ctx.expand(node.exec, rule, profile) : null;
  if (node.exec && exec === null) return;
  const target = node.target ? ctx.expand(node.target, rule, profile) : ANY_TARGET;
  if (target === null) return;
  // process_dfa_entry converts the target (the entry's name) before the exec condition.
  const targetErr = aareError(target);
  if (targetErr) {
    ctx.report(rule, node.target!.range, targetErr);
    return;
  }
  const execErr = exec === null ? null : aareError(exec);
  if (execErr) ctx.report(rule, node.exec!.range, execErr);
}

/** A compiled change_profile rule that carries exec bits. */
interface Transition {
  rule: ResolvedRule;
  node: ChangeProfileRule;
  exec: string;
  target: string;
  deny: boolean;
  unsafe: boolean;
  glob: Glob;
}

function describe(t: Transition): string {
  const n = t.node;
  return `change_profile ${n.safety ? n.safety + " " : ""}${n.exec!.raw}${n.target ? " -> " + n.target.raw : ""}`;
}

function where(t: Transition, from: ResolvedRule): string {
  return `line ${t.node.range.start.line}${t.rule.file === from.file ? "" : ` of ${t.rule.file}`}`;
}

/**
 * Identical rules are merged first and must agree; then every (exec, target) pair matched by two allow
 * rules of the same exactness must get one exec type. An exact rule (no wildcard) overrides a wildcard
 * one instead of conflicting with it, and deny rules never conflict. Priority and `prompt` are not kept
 * on change_profile rules.
 */
function checkConflicts(profile: ResolvedProfile, ctx: CheckContext): void {
  const cache = new GlobCache();
  const rules: Transition[] = [];
  for (const rule of profile.rules) {
    if (!rule.live || rule.node.type !== "ChangeProfileRule") continue;
    const node = rule.node;
    if (!node.exec || !parsedOk(node)) continue;
    const exec = ctx.expand(node.exec, rule, profile);
    const target = node.target ? ctx.expand(node.target, rule, profile) : ANY_TARGET;
    if (exec === null || target === null) continue;
    const x = cache.parse(exec);
    const t = cache.parse(target);
    if (!x.ok || !t.ok) continue;
    rules.push({
      rule, node, exec, target,
      deny: node.prefix.mode === "deny" || rule.blocks.some((b) => b.mode === "deny"),
      unsafe: node.safety === "unsafe",
      glob: globSequence([x.glob, t.glob]),
    });
  }

  for (let j = 1; j < rules.length; j++) {
    const b = rules[j]!;
    const merged = rules.slice(0, j).find((a) =>
      a.exec === b.exec && a.target === b.target && a.deny === b.deny && a.unsafe !== b.unsafe);
    if (merged) {
      ctx.report(b.rule, b.node.range,
        `profile ${profile.name}: has merged rule ${b.target} with conflicting x modifiers`, {
          help: `'${describe(b)}' and '${describe(merged)}' (${where(merged, b.rule)}) are the same rule, ` +
            "once safe and once unsafe; keep one",
        });
      return;
    }
  }

  const allowed = rules.filter((r) => !r.deny);
  for (let j = 1; j < allowed.length; j++) {
    const b = allowed[j]!;
    for (const a of allowed.slice(0, j)) {
      if (a.unsafe === b.unsafe || a.glob.exact !== b.glob.exact) continue;
      if (a.exec === b.exec && a.target === b.target) continue;
      const o = globsOverlap(a.glob, b.glob);
      if (o.overlap !== true) continue;
      ctx.report(b.rule, b.node.range, "profile has merged rule with conflicting x modifiers", {
        help: `'${describe(b)}' and '${describe(a)}' (${where(a, b.rule)}) both cover ` +
          `${(o.example ?? "").replace("\\x00", " -> ")}, once safe and once unsafe; ` +
          "make both the same, or narrow one",
      });
      return;
    }
  }
}

/** The parse-time conditions without reporting (the rule visitor reports them). */
function parsedOk(node: ChangeProfileRule): boolean {
  if (node.safety && !node.exec) return false;
  const v = node.exec?.value;
  return v === undefined || v.startsWith("/") || v.startsWith("@{");
}
