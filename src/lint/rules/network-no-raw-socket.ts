/**
 * AA3401 network-no-raw-socket: raw and packet sockets.
 */
import { condition } from "../facts.js";
import { defineRule } from "../rule.js";
import { isAllow } from "../shapes.js";

const IP_FAMILIES = new Set(["inet", "inet6"]);
const SOCKET_TYPES = new Set(["stream", "dgram", "seqpacket", "rdm", "raw"]);

export default defineRule({
  meta: {
    code: "AA3401",
    name: "network-no-raw-socket",
    category: "security",
    local: true,
    fixable: null,
    presets: { recommended: "warning", strict: "error", "apparmor.d": "warning", container: "error" },
    messages: {
      raw: "`{{text}}` allows raw IP sockets: forging packets and reading traffic addressed to other programs",
      packet: "`{{text}}` allows packet sockets: capturing and injecting frames on the network interface",
    },
    help: "use ordinary stream or datagram sockets; ping works with `network inet dgram,` on kernels with ICMP sockets",
    docs: {
      summary: "Raw and packet sockets",
      what:
        "Reports allow network rules for the `packet` family and for `raw` sockets of the IP families or of " +
        "any family (`network raw,`). Netlink raw sockets, the normal way to talk to the kernel's netlink " +
        "interfaces, are not reported.",
      why:
        "Raw and packet sockets bypass the transport layer: they see traffic of other programs, spoof " +
        "source addresses and craft malformed packets, and they are the usual first step of attacks on the " +
        "local network. Containers should not have them.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile probe /usr/bin/probe {
  capability net_raw,
  network inet raw,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile probe /usr/bin/probe {
  network inet dgram,
}
`,
      exceptions: "Network diagnostics (ping, traceroute, tcpdump) need them; suppress with a reason there.",
    },
  },
  create(ctx) {
    return {
      NetworkRule(rule) {
        const n = rule.node;
        if (!isAllow(rule)) return;
        let domain = n.domain?.value.toLowerCase() ?? null;
        let type = (n.kind?.value ?? condition(n.conditions, "type")?.values[0]?.value ?? null)?.toLowerCase() ?? null;
        // `network raw,` names a type for every family; the parser puts the first word in `domain`.
        if (domain !== null && SOCKET_TYPES.has(domain) && type === null) {
          type = domain;
          domain = null;
        }
        const text = ctx.source(rule.file)?.slice(n.range.start.offset, n.range.end.offset).replace(/\s+/g, " ").replace(/\s*,$/, "") ?? "network";
        if (domain === "packet") {
          ctx.report({ origin: rule, range: n.range, messageId: "packet", data: { text } });
        } else if (type === "raw" && (domain === null || IP_FAMILIES.has(domain))) {
          ctx.report({ origin: rule, range: n.range, messageId: "raw", data: { text } });
        }
      },
    };
  },
});
