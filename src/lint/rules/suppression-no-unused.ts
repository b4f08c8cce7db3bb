/**
 * AA3002 suppression-no-unused: a suppression that silences nothing.
 */
import { defineRule } from "../rule.js";

export default defineRule({
  meta: {
    code: "AA3002",
    name: "suppression-no-unused",
    category: "suppression",
    fixable: null,
    presets: { recommended: "warning", strict: "error", "apparmor.d": "warning", container: "warning" },
    messages: {
      unused: "'{{target}}' is suppressed for {{kind}}, but reports nothing there: remove the suppression",
    },
    help: "a suppression that outlives its finding would silently hide the next, different problem on that line",
    docs: {
      summary: "Suppressions that suppress nothing",
      what:
        "Reports rule names and codes in `aaprof-disable-…` comments that did not silence any finding in the " +
        "whole run. Rules that are turned off in the configuration are not judged.",
      why:
        "When the rule that was suppressed is fixed or moved, the comment stays behind and will silence the " +
        "next problem that appears on that line, unseen.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile reader /usr/bin/reader {
  # aaprof-disable-next-line file-no-global-write -- reads configuration only
  /etc/reader.conf r,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile reader /usr/bin/reader {
  /etc/reader.conf r,
}
`,
    },
  },
  create: () => ({}),
});
