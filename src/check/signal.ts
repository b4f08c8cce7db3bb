/**
 * signal rules: `signal [ACCESS] [set=…]… [peer=LABEL],` (parser/signal.cc).
 *
 * The access list and the conditionals are checked while parsing (so also in untaken `if` branches and in
 * qualifier blocks); the peer label is expanded and compiled only for rules that are compiled.
 */
import type { SignalRule } from "../ast/nodes.js";
import type { Check, CheckContext } from "./context.js";
import { checkPattern, readAccess, upstreamOrder, type AccessTable } from "./ipc-access.js";
import { SIGNAL_NAMES, signalNumber } from "./signal-names.js";
import type { ResolvedRule } from "../resolve/model.js";

const SEND = 0x2;
const RECEIVE = 0x4;

export const SIGNAL_ACCESS: AccessTable = {
  rule: "signal",
  label: "signal",
  words: { send: SEND, write: SEND, receive: RECEIVE, read: RECEIVE },
  read: RECEIVE,
  write: SEND,
};

export const signalCheck: Check = {
  code: "AA2054",
  name: "signal-rule",
  rule(rule, profile, ctx) {
    if (rule.node.type !== "SignalRule") return;
    const node = rule.node;
    if (!checkParsed(node, rule, ctx)) return;
    if (!rule.live) return;
    const peer = node.conditions.find((c) => c.name.value === "peer" && c.values.length > 0);
    if (peer) checkPattern(peer.values[0]!, rule, profile, ctx);
  },
};

/** The constructor's checks; false after the first error, as upstream stops there. */
function checkParsed(node: SignalRule, rule: ResolvedRule, ctx: CheckContext): boolean {
  const access = readAccess(node.access, SIGNAL_ACCESS);
  if (!access.ok) {
    ctx.report(rule, access.word.range, access.message, { help: access.help });
    return false;
  }
  let peerSeen = false;
  for (const cond of upstreamOrder(node.conditions)) {
    const name = cond.name.value;
    if (cond.operator !== "=") {
      ctx.report(rule, cond.range, `only "=" allowed in conditions of signal rules`, {
        help: `write ${name}=(…) instead of ${name} in (…)`,
      });
      return false;
    }
    if (name === "set") {
      for (const v of cond.values) {
        if (signalNumber(v.value) === null) {
          ctx.report(rule, v.range, `unknown signal "${v.value}"`, {
            help: `signals are lower case without SIG: ${SIGNAL_NAMES.join(" ")}, or rtmin+0 … rtmin+32`,
          });
          return false;
        }
      }
    } else if (name === "peer") {
      if (peerSeen) {
        ctx.report(rule, cond.range, `signal conditional "peer" can only be specified once`);
        return false;
      }
      peerSeen = true;
    } else {
      ctx.report(rule, cond.name.range, `invalid signal rule conditional "${name}"`, {
        help: "signal rules take set= and peer=",
      });
      return false;
    }
  }
  return true;
}
