/**
 * AA3601 rule-no-duplicate: the same rule twice in one profile.
 */
import type { ResolvedProfile, ResolvedRule } from "../../resolve/model.js";
import { defineRule, isOwn, type RuleContext } from "../rule.js";
import { relatedRule, ruleRemoval, ruleText, where } from "../shapes.js";

/**
 * What a rule grants or denies, as a string: two rules with the same key are the same rule however they
 * are written (`rw /a,` and `/a wr,`; `/{a,b}` after expansion of `@{x}`; `owner { /a r, }` and `owner /a r,`).
 */
export function ruleKey(ctx: RuleContext, rule: ResolvedRule, profile: ResolvedProfile): string | null {
  // An included rule's is the same in every profile.
  return ctx.facts.ruleKey(rule, () => computeKey(ctx, rule, profile));
}

/** The keys of a profile's rules, by position (null for rules that are not live or have none). */
export function profileKeys(ctx: RuleContext, profile: ResolvedProfile): readonly (string | null)[] {
  // rule-no-covered asks for the same keys.
  return ctx.facts.ofProfile("ruleKeys", profile, () => profile.rules.map((r) => (r.live ? ruleKey(ctx, r, profile) : null)));
}

function computeKey(ctx: RuleContext, rule: ResolvedRule, profile: ResolvedProfile): string | null {
  const p = ctx.facts.prefix(rule);
  const head = `${p.mode}|${p.audit ? "audit" : ""}|${p.owner ?? ""}|${p.priority ?? ""}`;
  const f = ctx.facts.file(rule, profile);
  if (f) return f.perms.invalid || f.grants === null ? null : `file|${head}|${f.grants}`;
  // The rule as written, normalised: the same for every profile that includes it.
  const node = rule.node;
  const body = ctx.facts.ofNode("ruleKeyBody", rule, () => {
    const text = ctx.source(rule.file);
    if (text === undefined) return null;
    const from = "prefix" in node && node.prefix.range ? node.prefix.range.end.offset : node.range.start.offset;
    return text.slice(from, node.range.end.offset)
      .replace(/#[^\n]*/g, "")
      .replace(/\s+/g, " ")
      .replace(/\s*([=(),])\s*/g, "$1")
      .replace(/,$/, "")
      .trim();
  });
  return body === null ? null : `${node.type}|${head}|${body}`;
}

export default defineRule({
  meta: {
    code: "AA3601",
    name: "rule-no-duplicate",
    category: "redundancy",
    fixable: "safe",
    presets: { recommended: "warning", strict: "error", "apparmor.d": "error", container: "warning" },
    messages: {
      duplicate: "`{{text}}` repeats `{{other}}` ({{where}})",
    },
    help: "remove the repeated rule",
    docs: {
      summary: "Duplicate rules",
      what:
        "Reports a rule that grants or denies exactly what another rule of the same profile does, compared " +
        "after variable expansion and with permissions as sets, so `/a rw,` and `/a wr,` are duplicates. " +
        "Rules from included files count: a rule that repeats one of an abstraction the profile includes is " +
        "reported. The fix removes the repeated rule of the linted file.",
      why:
        "Duplicates make a profile longer to review and drift apart when one copy is edited: the reviewer " +
        "narrows one, and the other keeps granting the old access.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile app /usr/bin/app {
  /etc/app.conf r,
  /etc/app.conf r,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile app /usr/bin/app {
  /etc/app.conf r,
}
`,
      exceptions: "Duplicates between two included files are left to the lint of those files.",
    },
  },
  create(ctx) {
    return {
      "Profile:exit"(profile) {
        const keys = profileKeys(ctx, profile);
        const rules = profile.rules;
        // Only a key of the linted file's rules can be reported: rules with other keys are not looked at.
        const ownKeys = new Set<string>();
        for (let i = 0; i < rules.length; i++) if (keys[i] !== null && isOwn(rules[i]!, ctx.rootPath)) ownKeys.add(keys[i]!);
        if (!ownKeys.size) return;
        const first = new Map<string, ResolvedRule>();
        for (let i = 0; i < rules.length; i++) {
          const key = keys[i]!;
          if (key === null || !ownKeys.has(key)) continue;
          const r = rules[i]!;
          const prev = first.get(key);
          if (!prev) {
            first.set(key, r);
            continue;
          }
          const rOwn = isOwn(r, ctx.rootPath);
          const pOwn = isOwn(prev, ctx.rootPath);
          if (!rOwn && !pOwn) continue;
          const dup = rOwn ? r : prev;
          const orig = dup === r ? prev : r;
          if (dup === prev) first.set(key, r);
          ctx.report({
            origin: dup, range: dup.node.range, messageId: "duplicate",
            data: { text: ruleText(ctx, dup), other: ruleText(ctx, orig), where: where(ctx, orig) },
            related: [relatedRule(ctx, orig, "first written here")],
            fix: ruleRemoval(ctx, dup, "remove the repeated rule"),
          });
        }
      },
    };
  },
});
