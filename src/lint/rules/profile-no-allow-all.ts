/**
 * AA3119 profile-no-allow-all: the `all,` rule.
 */
import { defineRule } from "../rule.js";
import { isAllow } from "../shapes.js";

export default defineRule({
  meta: {
    code: "AA3119",
    name: "profile-no-allow-all",
    category: "security",
    fixable: null,
    presets: { recommended: "error", strict: "error", "apparmor.d": "error", container: "error" },
    messages: {
      all: "`all,` grants every permission of every rule kind: the profile confines nothing it does not deny",
    },
    help: "write the rules the program needs; if the intent is to allow by default and deny a few things, say so in a comment and suppress this finding",
    docs: {
      summary: "The `all,` rule",
      what: "Reports the `all,` rule in allow form.",
      why:
        "`all,` is equivalent to every bare rule at once: `file,`, `capability,`, `network,`, `mount,`, " +
        "`ptrace,`, `change_profile,` and the rest. The profile allows everything except what it denies.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile helper /usr/bin/helper {
  all,
  deny /etc/shadow r,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile helper /usr/bin/helper {
  include <abstractions/base>
  /usr/bin/helper mr,
  /etc/helper.conf r,
}
`,
      exceptions: "`deny all,` is not reported.",
    },
  },
  create(ctx) {
    return {
      AllRule(rule) {
        if (isAllow(rule)) ctx.report({ origin: rule, range: rule.node.range, messageId: "all" });
      },
    };
  },
});
