/**
 * AA3503 profile-no-empty: a profile that grants nothing.
 */
import { defineRule } from "../rule.js";
import { isAllow } from "../shapes.js";

export default defineRule({
  meta: {
    code: "AA3503",
    name: "profile-no-empty",
    category: "security",
    fixable: null,
    presets: { recommended: "warning", strict: "error", "apparmor.d": "warning", container: "error" },
    messages: {
      empty: "profile {{name}} has no rules: a program started under it cannot even load its own libraries",
      denyOnly: "profile {{name}} only denies: it grants nothing, so a program started under it cannot run",
    },
    help: "add the rules the program needs (`include <abstractions/base>` and its own files), or remove the profile",
    docs: {
      summary: "Profiles that grant nothing",
      what:
        "Reports top-level profiles with no allow rule at all, after includes are followed. Profiles in " +
        "complain, unconfined or default_allow mode are not reported.",
      why:
        "An empty profile denies everything. A workload whose container is started under it fails at once " +
        "(usually with a confusing permission error from the runtime); when that happens the usual reaction " +
        "is to switch the workload to `unconfined`.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile k8s-nginx {
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile k8s-nginx flags=(attach_disconnected) {
  include <abstractions/base>
  network inet stream,
  /usr/sbin/nginx mr,
}
`,
    },
  },
  create(ctx) {
    return {
      Profile(profile) {
        if (profile.fragment || profile.parent) return;
        if (profile.node.flags?.values.some((v) => ["complain", "unconfined", "default_allow", "prompt"].includes(v.value))) return;
        const access = profile.rules.filter((r) => r.live && r.node.type !== "RlimitRule");
        if (access.some((r) => isAllow(r))) return;
        if (profile.children.length) return;
        ctx.report({
          origin: profile, range: profile.node.name.range, messageId: access.length ? "denyOnly" : "empty",
          data: { name: profile.node.name.value },
        });
      },
    };
  },
});
