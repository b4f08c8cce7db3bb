/**
 * AA3603 rule-no-dead-allow: an allow rule whose every permission a deny rule takes away.
 */
import type { ResolvedRule } from "../../resolve/model.js";
import { defineRule, isOwn } from "../rule.js";
import { isAllow, relatedRule, ruleRemoval, ruleText, where } from "../shapes.js";

export default defineRule({
  meta: {
    code: "AA3603",
    name: "rule-no-dead-allow",
    category: "redundancy",
    fixable: "safe",
    presets: { recommended: "warning", strict: "error", "apparmor.d": "warning", container: "warning" },
    messages: {
      dead: "`{{text}}` grants nothing: `{{by}}` ({{where}}) denies all of it, and deny rules win",
    },
    help: "remove the allow rule, or narrow the deny rule if the access is really needed",
    docs: {
      summary: "Allow rules made dead by a deny rule",
      what:
        "Reports allow file and capability rules of the linted file when deny rules of the same profile take " +
        "away every permission they grant on every path they match (glob inclusion after variable " +
        "expansion). The fix removes the dead rule, which changes nothing the profile grants.",
      why:
        "In AppArmor a deny rule always wins over an allow rule, whatever their order or specificity. A dead " +
        "allow rule is a sign that the author expected the opposite: the program is probably being denied " +
        "something that the profile appears to grant.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile uploader /usr/bin/uploader {
  deny /etc/** w,
  /etc/uploader/state w,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile uploader /usr/bin/uploader {
  deny /etc/** w,
  /var/lib/uploader/state w,
}
`,
      exceptions:
        "Owner-conditional deny rules only kill owner-conditional allow rules, and a deny rule of lower " +
        "priority than the allow rule (`priority=1 owner @{HOME}/.curlrc r,` against a plain deny) does not.",
    },
  },
  create(ctx) {
    const report = (rule: ResolvedRule, by: ResolvedRule) => {
      ctx.report({
        origin: rule, range: rule.node.range, messageId: "dead",
        data: { text: ruleText(ctx, rule), by: ruleText(ctx, by), where: where(ctx, by) },
        related: [relatedRule(ctx, by, "denied by")],
        fix: ruleRemoval(ctx, rule, "remove the dead allow rule"),
      });
    };
    return {
      "Profile:exit"(profile) {
        for (const f of ctx.facts.files(profile).allows) {
          if (!isOwn(f.rule, ctx.rootPath) || f.bare || !f.glob) continue;
          const letters: string[] = [...f.perms.letters];
          if (f.perms.exec) letters.push("x");
          if (!letters.length) continue;
          let by: ResolvedRule | undefined;
          const dead = letters.every((l) => {
            const d = ctx.facts.deniedGlob(profile, f.glob!, l, f);
            by ??= d?.rule;
            return d !== undefined;
          });
          if (dead && by) report(f.rule, by);
        }
        const denied = new Map<string, ResolvedRule>();
        let denyAll: ResolvedRule | undefined;
        for (const r of profile.rules) {
          if (!r.live || r.node.type !== "CapabilityRule" || ctx.facts.prefix(r).mode !== "deny") continue;
          if (r.node.names.length === 0) denyAll ??= r;
          for (const w of r.node.names) if (!denied.has(w.value.toLowerCase())) denied.set(w.value.toLowerCase(), r);
        }
        for (const r of profile.rules) {
          if (!r.live || r.node.type !== "CapabilityRule" || !isAllow(r) || !isOwn(r, ctx.rootPath)) continue;
          const names = r.node.names.map((w) => w.value.toLowerCase());
          if (!names.length) continue;
          const by = denyAll ?? (names.every((n) => denied.has(n)) ? denied.get(names[0]!) : undefined);
          if (by) report(r, by);
        }
      },
    };
  },
});
