/**
 * AA3118 io-uring-no-allow-all: bare `io_uring,`.
 */
import { defineRule } from "../rule.js";
import { isAllow } from "../shapes.js";

export default defineRule({
  meta: {
    code: "AA3118",
    name: "io-uring-no-allow-all",
    category: "security",
    local: true,
    fixable: null,
    presets: { recommended: "warning", strict: "error", "apparmor.d": "warning", container: "error" },
    messages: {
      bare: "`io_uring,` allows every io_uring operation, override_creds (acting with another task's credentials) included",
    },
    help: "grant only the operation needed (`io_uring sqpoll,`), with a label where the rule takes one",
    docs: {
      summary: "Bare `io_uring,` rules",
      what: "Reports `io_uring,` without access or conditions in an allow rule.",
      why:
        "io_uring has been one of the kernel's largest sources of privilege escalation bugs, and its " +
        "override_creds operation lets a ring act with credentials registered by another task.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile db /usr/sbin/db {
  io_uring,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile db /usr/sbin/db {
  io_uring sqpoll,
}
`,
      exceptions: "`deny io_uring,` is not reported.",
    },
  },
  create(ctx) {
    return {
      IoUringRule(rule) {
        const n = rule.node;
        if (!n.access && !n.conditions.length && !n.conditionList && isAllow(rule)) {
          ctx.report({ origin: rule, range: n.range, messageId: "bare" });
        }
      },
    };
  },
});
