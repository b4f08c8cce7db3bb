/**
 * AA3001 suppression-require-reason: a suppression comment must say why.
 */
import { defineRule } from "../rule.js";

export default defineRule({
  meta: {
    code: "AA3001",
    name: "suppression-require-reason",
    category: "suppression",
    fixable: null,
    presets: { recommended: "warning", strict: "error", "apparmor.d": "warning", container: "error" },
    messages: {
      reason: "this suppression does not say why: add ` -- ` and a reason after the rule names",
    },
    help: "write it as `# aaprof-disable-next-line <code-or-name> -- <why this is acceptable here>`",
    docs: {
      summary: "Suppression comments without a reason",
      what: "Reports `aaprof-disable-…` comments that have no ` -- reason` part.",
      why:
        "A suppression turns off a security check for one rule of a profile. Months later, a reviewer needs " +
        "to know whether that was a considered decision or a way to make the linter quiet; the reason is the " +
        "only record of it.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile updater /usr/bin/updater {
  # aaprof-disable-next-line capability-no-dangerous
  capability sys_admin,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile updater /usr/bin/updater {
  # aaprof-disable-next-line capability-no-dangerous -- remounts /boot read-write to install kernels
  capability sys_admin,
}
`,
      exceptions: "The suppression still applies; it is the missing reason that is reported.",
    },
  },
  create: () => ({}),
});
