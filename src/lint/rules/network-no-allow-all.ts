/**
 * AA3112 network-no-allow-all: bare `network,`.
 */
import { defineRule } from "../rule.js";
import { isAllow } from "../shapes.js";

export default defineRule({
  meta: {
    code: "AA3112",
    name: "network-no-allow-all",
    category: "security",
    local: true,
    fixable: null,
    presets: { recommended: "warning", strict: "error", "apparmor.d": "warning", container: "error" },
    messages: {
      bare: "`network,` grants every address family and socket type, raw and packet sockets included",
    },
    help: "name the families and types the program uses (`network inet stream,` `network inet6 stream,`)",
    docs: {
      summary: "Bare `network,` rules",
      what: "Reports `network,` without a family, type, protocol or condition in an allow rule.",
      why:
        "Besides TCP and UDP it allows raw and packet sockets (sniffing and forging traffic), netlink (talking " +
        "to the kernel's routing, firewall and audit subsystems), and every rarely used family with a history " +
        "of kernel bugs.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile fetcher /usr/bin/fetcher {
  network,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile fetcher /usr/bin/fetcher {
  network inet stream,
  network inet6 stream,
}
`,
      exceptions: "`deny network,` is not reported.",
    },
  },
  create(ctx) {
    return {
      NetworkRule(rule) {
        const n = rule.node;
        if (n.access || n.domain || n.kind || n.conditions.length || n.peer || !isAllow(rule)) return;
        ctx.report({ origin: rule, range: n.range, messageId: "bare" });
      },
    };
  },
});
