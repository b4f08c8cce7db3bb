/**
 * AA3403 signal-require-peer: sending signals without a peer.
 */
import { accessWords, condition, hasPeer } from "../facts.js";
import { defineRule } from "../rule.js";
import { isAllow } from "../shapes.js";

const SEND = new Set(["send", "w", "rw", "write"]);
/** Signals that cannot harm the receiver: `exists` (signal 0) only asks whether the process is there. */
const HARMLESS = new Set(["exists"]);

export default defineRule({
  meta: {
    code: "AA3403",
    name: "signal-require-peer",
    category: "security",
    local: true,
    fixable: null,
    presets: { recommended: "warning", strict: "error", "apparmor.d": "warning", container: "error" },
    messages: {
      peerless: "`{{text}}` sends signals with no peer: it may kill or stop any process it has the Unix permissions for",
    },
    help: "add `peer=` with the profiles it signals (`peer=@{profile_name}` for its own processes)",
    docs: {
      summary: "Sending signals without a peer",
      what:
        "Reports allow signal rules that grant `send` (or every access) without a `peer=` condition. Rules " +
        "that only receive, and rules limited to `set=(exists)`, are not reported. Bare `signal,` is reported " +
        "by ipc-no-allow-all.",
      why:
        "Signals stop, kill and reconfigure processes (SIGHUP reloads, SIGUSR1 dumps state). A peerless send " +
        "rule lets a compromised program kill the logging daemon or the service that was supposed to " +
        "watch it.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile supervisor /usr/bin/supervisor {
  signal (send) set=(term, kill),
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile supervisor /usr/bin/supervisor {
  signal (send) set=(term, kill) peer=supervisor//worker,
}
`,
    },
  },
  create(ctx) {
    return {
      SignalRule(rule) {
        const n = rule.node;
        if (!isAllow(rule) || hasPeer(n.conditions)) return;
        if (!n.access && !n.conditions.length) return;
        const words = accessWords(n.access);
        if (words !== null && !words.some((w) => SEND.has(w))) return;
        const set = condition(n.conditions, "set")?.values.flatMap((v) => v.value.split(/[\s,]+/)).filter(Boolean) ?? [];
        if (set.length && set.every((s) => HARMLESS.has(s.toLowerCase()))) return;
        const text = ctx.source(rule.file)?.slice(n.range.start.offset, n.range.end.offset).replace(/\s+/g, " ").replace(/\s*,$/, "") ?? "signal";
        ctx.report({ origin: rule, range: n.range, messageId: "peerless", data: { text } });
      },
    };
  },
});
