/**
 * AA3003 suppression-invalid: a suppression comment that cannot work.
 */
import { defineRule } from "../rule.js";

export default defineRule({
  meta: {
    code: "AA3003",
    name: "suppression-invalid",
    category: "suppression",
    fixable: null,
    presets: { recommended: "error", strict: "error", "apparmor.d": "error", container: "error" },
    messages: {
      invalid: "this suppression silences nothing: {{problem}}",
    },
    help: "the forms are `aaprof-disable-next-line`, `aaprof-disable-line` and `aaprof-disable-file`, each with rule codes or names, then ` -- reason`",
    docs: {
      summary: "Malformed suppression comments",
      what:
        "Reports `aaprof-…` comments that name an unknown rule, name no rule at all, name a compiler " +
        "diagnostic (which reports what apparmor_parser rejects and cannot be silenced), or use a form that " +
        "does not exist.",
      why: "A suppression that does not parse silences nothing, while its author believes it does.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile tool /usr/bin/tool {
  # aaprof-disable-next-line file-no-global-writes -- typo in the rule name
  /** w,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile tool /usr/bin/tool {
  # aaprof-disable-next-line file-no-global-write -- scratch container, reviewed in #42
  /** w,
}
`,
    },
  },
  create: () => ({}),
});
