/**
 * AA3115 ipc-no-allow-all: bare `signal,`, `unix,`, `dbus,` and `mqueue,`.
 */
import type { ResolvedRule } from "../../resolve/model.js";
import { defineRule } from "../rule.js";
import { isAllow } from "../shapes.js";

export default defineRule({
  meta: {
    code: "AA3115",
    name: "ipc-no-allow-all",
    category: "security",
    local: true,
    fixable: null,
    presets: { recommended: "warning", strict: "error", "apparmor.d": "warning", container: "error" },
    messages: {
      signal: "`signal,` allows sending any signal to any process and receiving from any",
      unix: "`unix,` allows every operation on every Unix socket, abstract ones and those of other services",
      dbus: "`dbus,` allows calling every method of every service on every bus",
      mqueue: "`mqueue,` allows every operation on every POSIX and System V message queue",
    },
    help: "restrict the rule by access, peer and (for D-Bus) bus, path and interface",
    docs: {
      summary: "Bare signal, unix, dbus and mqueue rules",
      what: "Reports `signal,`, `unix,`, `dbus,` and `mqueue,` without access, conditions or peer in an allow rule.",
      why:
        "Inter-process communication is how a confined program reaches programs that are not confined: " +
        "systemd, the session bus, a container runtime's socket. A bare rule opens all of them at once.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile notifier /usr/bin/notifier {
  dbus,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile notifier /usr/bin/notifier {
  dbus send bus=session path=/org/freedesktop/Notifications
       interface=org.freedesktop.Notifications member=Notify
       peer=(name=org.freedesktop.Notifications),
}
`,
      exceptions: "Deny forms are not reported.",
    },
  },
  create(ctx) {
    const report = (rule: ResolvedRule, kind: "signal" | "unix" | "dbus" | "mqueue") => {
      if (isAllow(rule)) ctx.report({ origin: rule, range: rule.node.range, messageId: kind });
    };
    return {
      SignalRule(rule) {
        if (!rule.node.access && !rule.node.conditions.length) report(rule, "signal");
      },
      UnixRule(rule) {
        if (!rule.node.access && !rule.node.conditions.length && !rule.node.peer) report(rule, "unix");
      },
      DbusRule(rule) {
        if (!rule.node.access && !rule.node.conditions.length && !rule.node.peer) report(rule, "dbus");
      },
      MqueueRule(rule) {
        if (!rule.node.access && !rule.node.conditions.length && !rule.node.name) report(rule, "mqueue");
      },
    };
  },
});
