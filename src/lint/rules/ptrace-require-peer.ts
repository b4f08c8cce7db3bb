/**
 * AA3402 ptrace-require-peer: tracing or reading other processes without a peer.
 */
import { accessWords, hasPeer } from "../facts.js";
import { defineRule } from "../rule.js";
import { isAllow } from "../shapes.js";

const OUTBOUND = new Set(["trace", "read", "r", "w", "rw", "write"]);

export default defineRule({
  meta: {
    code: "AA3402",
    name: "ptrace-require-peer",
    category: "security",
    local: true,
    fixable: null,
    presets: { recommended: "warning", strict: "error", "apparmor.d": "warning", container: "error" },
    messages: {
      peerless: "`ptrace ({{access}})` has no peer: it applies to every process, unconfined ones included",
    },
    help: "add `peer=` with the profile of the processes it needs (`peer=@{profile_name}` for its own)",
    docs: {
      summary: "ptrace without a peer",
      what:
        "Reports allow ptrace rules that grant `trace` or `read` (the directions in which this process acts " +
        "on another) without a `peer=` condition. `readby` and `tracedby` (letting others act on this " +
        "process) are not reported. Bare `ptrace,` is reported by ptrace-no-allow-all.",
      why:
        "`read` exposes other processes' memory maps, environment and file descriptors through /proc; " +
        "`trace` hands over their memory and registers. Without a peer the rule reaches processes of every " +
        "profile, and unconfined ones.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile top /usr/bin/top {
  ptrace (read),
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile top /usr/bin/top {
  ptrace (read) peer=@{profile_name},
}
`,
      exceptions: "Process monitors need `read` on every process by design; suppress with a reason.",
    },
  },
  create(ctx) {
    return {
      PtraceRule(rule) {
        const n = rule.node;
        if (!isAllow(rule) || hasPeer(n.conditions)) return;
        const words = accessWords(n.access);
        if (words === null) {
          if (n.conditions.length) ctx.report({ origin: rule, range: n.range, messageId: "peerless", data: { access: "trace, read" } });
          return;
        }
        const out = words.filter((w) => OUTBOUND.has(w));
        if (out.length) ctx.report({ origin: rule, range: n.range, messageId: "peerless", data: { access: out.join(", ") } });
      },
    };
  },
});
