/**
 * AA3404 unix-require-peer: connecting or talking to Unix sockets without a peer.
 */
import { accessWords, condition, hasPeer } from "../facts.js";
import { defineRule } from "../rule.js";
import { isAllow } from "../shapes.js";

/**
 * Operations in which this process reaches out to another socket. Receiving and accepting let others reach
 * this process (the server side), and create, bind, listen and the attribute operations involve no peer.
 */
const OUTBOUND = new Set(["connect", "send", "w", "rw", "write"]);

export default defineRule({
  meta: {
    code: "AA3404",
    name: "unix-require-peer",
    category: "security",
    local: true,
    fixable: null,
    presets: { recommended: "warning", strict: "error", "apparmor.d": "warning", container: "error" },
    messages: {
      peerless: "`{{text}}` has no peer: it reaches the Unix sockets of every service on the host",
    },
    help: "add `peer=(label=…)` or `peer=(addr=…)` for the service it talks to",
    docs: {
      summary: "Unix socket rules without a peer",
      what:
        "Reports allow unix rules that grant connect or send (or every access) without a `peer=(…)` " +
        "condition or an `addr=` restriction. Rules that only receive or accept (the server side), or only " +
        "create, bind, listen or set socket options, are not reported. Bare `unix,` is reported by " +
        "ipc-no-allow-all.",
      why:
        "Abstract Unix sockets are not files, so file rules do not protect them: the unix rule is the only " +
        "thing that keeps a confined program away from, say, the X server's or a container runtime's abstract " +
        "socket. Without a peer, it keeps it away from nothing.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile client /usr/bin/client {
  unix (connect, send, receive) type=stream,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile client /usr/bin/client {
  unix (connect, send, receive) type=stream peer=(label=server, addr="@/run/server.sock"),
}
`,
    },
  },
  create(ctx) {
    return {
      UnixRule(rule) {
        const n = rule.node;
        if (!isAllow(rule) || hasPeer(n.conditions, n.peer)) return;
        if (!n.access && !n.conditions.length) return;
        const words = accessWords(n.access);
        if (words !== null && !words.some((w) => OUTBOUND.has(w))) return;
        // A rule limited to sockets of one address is restricted even without a peer.
        if (condition(n.conditions, "addr")) return;
        const text = ctx.source(rule.file)?.slice(n.range.start.offset, n.range.end.offset).replace(/\s+/g, " ").replace(/\s*,$/, "") ?? "unix";
        ctx.report({ origin: rule, range: n.range, messageId: "peerless", data: { text } });
      },
    };
  },
});
