/**
 * AA3116 change-profile-no-allow-all: bare `change_profile,`.
 */
import { defineRule } from "../rule.js";
import { isAllow } from "../shapes.js";

export default defineRule({
  meta: {
    code: "AA3116",
    name: "change-profile-no-allow-all",
    category: "security",
    local: true,
    fixable: null,
    presets: { recommended: "error", strict: "error", "apparmor.d": "error", container: "error" },
    messages: {
      bare: "`change_profile,` allows switching to any profile, `unconfined` included, at any time",
    },
    help: "name the profiles the program may switch to (`change_profile -> app//sandbox,`)",
    docs: {
      summary: "Bare `change_profile,` rules",
      what: "Reports `change_profile,` without an exec path or a target profile in an allow rule.",
      why:
        "A process that may change to any profile may change to `unconfined` and leave confinement with one " +
        "write to /proc/self/attr. The profile then restricts nothing.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile launcher /usr/bin/launcher {
  change_profile,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile launcher /usr/bin/launcher {
  change_profile -> launcher//worker,

  profile worker {
  }
}
`,
      exceptions: "`deny change_profile,` is not reported.",
    },
  },
  create(ctx) {
    return {
      ChangeProfileRule(rule) {
        const n = rule.node;
        if (!n.exec && !n.target && isAllow(rule)) ctx.report({ origin: rule, range: n.range, messageId: "bare" });
      },
    };
  },
});
