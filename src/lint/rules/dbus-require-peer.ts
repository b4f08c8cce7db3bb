/**
 * AA3405 dbus-require-peer: D-Bus method calls without a peer, path or interface.
 */
import { accessWords, condition, hasPeer } from "../facts.js";
import { defineRule } from "../rule.js";
import { isAllow } from "../shapes.js";

const SEND = new Set(["send", "w", "rw", "write"]);

export default defineRule({
  meta: {
    code: "AA3405",
    name: "dbus-require-peer",
    category: "security",
    local: true,
    fixable: null,
    presets: { recommended: "warning", strict: "error", "apparmor.d": "warning", container: "error" },
    messages: {
      peerless: "`{{text}}` names no peer, path or interface: it may call any method of any service on the {{bus}}",
    },
    help: "name the service (`peer=(name=org.freedesktop.Foo)`) and what is called (`path=`, `interface=`, `member=`)",
    docs: {
      summary: "D-Bus sends without a peer",
      what:
        "Reports allow dbus rules that may send (method calls or signals) without a `peer=(…)` condition and " +
        "without `path=` or `interface=`: rules that reach every service on the bus. Rules that only " +
        "receive or bind are not reported. Bare `dbus,` is reported by ipc-no-allow-all.",
      why:
        "The system bus is an RPC interface to privileged services (systemd, NetworkManager, PolicyKit, " +
        "udisks); the session bus reaches the user's whole desktop. A send rule without a destination lets " +
        "the program ask any of them to act for it.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile applet /usr/bin/applet {
  dbus send bus=system,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile applet /usr/bin/applet {
  dbus send bus=system path=/org/freedesktop/hostname1
       interface=org.freedesktop.DBus.Properties member=Get
       peer=(name=org.freedesktop.hostname1),
}
`,
    },
  },
  create(ctx) {
    return {
      DbusRule(rule) {
        const n = rule.node;
        if (!isAllow(rule) || hasPeer(n.conditions, n.peer)) return;
        if (!n.access && !n.conditions.length) return;
        const words = accessWords(n.access);
        if (words !== null && !words.some((w) => SEND.has(w))) return;
        if (condition(n.conditions, "path") || condition(n.conditions, "interface")) return;
        // `name=` makes it a bind rule: owning a name, not calling anyone.
        if (condition(n.conditions, "name")) return;
        const bus = condition(n.conditions, "bus")?.values[0]?.value;
        const text = ctx.source(rule.file)?.slice(n.range.start.offset, n.range.end.offset).replace(/\s+/g, " ").replace(/\s*,$/, "") ?? "dbus";
        ctx.report({ origin: rule, range: n.range, messageId: "peerless", data: { text, bus: bus ? `${bus} bus` : "bus" } });
      },
    };
  },
});
