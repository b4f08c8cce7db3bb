/**
 * AA3114 ptrace-no-allow-all: bare `ptrace,`.
 */
import { defineRule } from "../rule.js";
import { isAllow } from "../shapes.js";

export default defineRule({
  meta: {
    code: "AA3114",
    name: "ptrace-no-allow-all",
    category: "security",
    local: true,
    fixable: null,
    presets: { recommended: "error", strict: "error", "apparmor.d": "error", container: "error" },
    messages: {
      bare: "`ptrace,` allows tracing and reading every process AppArmor lets it reach, in both directions",
    },
    help: "grant the access and the peer it is needed for (`ptrace (read) peer=@{profile_name},`)",
    docs: {
      summary: "Bare `ptrace,` rules",
      what: "Reports `ptrace,` without access or peer in an allow rule.",
      why:
        "Tracing a process means reading and writing its memory and registers: whatever that process may do, " +
        "the tracer may now do as well. Bare ptrace grants trace and read on any peer.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile monitor /usr/bin/monitor {
  ptrace,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile monitor /usr/bin/monitor {
  ptrace (read) peer=monitor-agent,
}
`,
      exceptions: "`deny ptrace,` is not reported.",
    },
  },
  create(ctx) {
    return {
      PtraceRule(rule) {
        const n = rule.node;
        if (!n.access && !n.conditions.length && isAllow(rule)) ctx.report({ origin: rule, range: n.range, messageId: "bare" });
      },
    };
  },
});
