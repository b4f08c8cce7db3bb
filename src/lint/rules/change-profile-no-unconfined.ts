/**
 * AA3203 change-profile-no-unconfined: change_profile to unconfined or to any profile.
 */
import { defineRule } from "../rule.js";
import { isAllow } from "../shapes.js";

export default defineRule({
  meta: {
    code: "AA3203",
    name: "change-profile-no-unconfined",
    category: "security",
    local: true,
    fixable: null,
    presets: { recommended: "error", strict: "error", "apparmor.d": "error", container: "error" },
    messages: {
      unconfined: "`{{text}}` allows changing to the unconfined state: leaving AppArmor confinement with a single write to /proc/self/attr",
      anyTarget: "`{{text}}` names no target: it allows changing to any profile, `unconfined` included",
    },
    help: "name the profiles the program may change to, and never `unconfined` or a wildcard that matches it",
    docs: {
      summary: "change_profile to unconfined or to any profile",
      what:
        "Reports allow `change_profile` rules whose target is `unconfined`, a glob that matches `unconfined` " +
        "(`**`, `*`, `unc*`), or missing (only an exec path given). Bare `change_profile,` is reported by " +
        "change-profile-no-allow-all.",
      why:
        "Changing profile is how a process enters a different confinement on purpose. If the target may be " +
        "`unconfined`, the process can drop confinement whenever it wants, and everything else in the " +
        "profile is advisory.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile runner /usr/bin/runner {
  change_profile -> **,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile runner /usr/bin/runner {
  change_profile -> runner-job-*,
}
`,
    },
  },
  create(ctx) {
    return {
      ChangeProfileRule(rule, profile) {
        const n = rule.node;
        if (!isAllow(rule) || (!n.exec && !n.target)) return;
        const text = ctx.source(rule.file)?.slice(n.range.start.offset, n.range.end.offset).replace(/\s+/g, " ") ?? "change_profile";
        if (!n.target) {
          ctx.report({ origin: rule, range: n.range, messageId: "anyTarget", data: { text } });
          return;
        }
        const target = ctx.facts.expand(n.target, profile);
        if (target === null) return;
        const glob = ctx.facts.glob(target);
        const hit = target === "unconfined" || (glob !== null && ctx.facts.matches(glob, "unconfined") === true);
        if (hit) ctx.report({ origin: rule, range: n.target.range, messageId: "unconfined", data: { text } });
      },
    };
  },
});
