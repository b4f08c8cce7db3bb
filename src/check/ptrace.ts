/**
 * ptrace rules: `ptrace [ACCESS] [peer=LABEL],` (parser/ptrace.cc).
 *
 * Access and conditionals are checked while parsing; the peer label is expanded and compiled only for
 * rules that are compiled.
 */
import type { PtraceRule } from "../ast/nodes.js";
import type { ResolvedRule } from "../resolve/model.js";
import type { Check, CheckContext } from "./context.js";
import { checkPattern, readAccess, upstreamOrder, type AccessTable } from "./ipc-access.js";

const TRACE = 0x2;
const READ = 0x4;
const TRACEDBY = 0x8;
const READBY = 0x10;

export const PTRACE_ACCESS: AccessTable = {
  rule: "ptrace",
  label: "ptrace",
  words: { read: READ, trace: TRACE, write: TRACE, readby: READBY, tracedby: TRACEDBY },
  read: READ,
  write: TRACE,
};

export const ptraceCheck: Check = {
  code: "AA2055",
  name: "ptrace-rule",
  rule(rule, profile, ctx) {
    if (rule.node.type !== "PtraceRule") return;
    const node = rule.node;
    if (!checkParsed(node, rule, ctx) || !rule.live) return;
    const peer = node.conditions.find((c) => c.name.value === "peer" && c.values.length > 0);
    if (peer) checkPattern(peer.values[0]!, rule, profile, ctx);
  },
};

function checkParsed(node: PtraceRule, rule: ResolvedRule, ctx: CheckContext): boolean {
  const access = readAccess(node.access, PTRACE_ACCESS);
  if (!access.ok) {
    ctx.report(rule, access.word.range, access.message, { help: access.help });
    return false;
  }
  let peerSeen = false;
  for (const cond of upstreamOrder(node.conditions)) {
    const name = cond.name.value;
    if (cond.operator !== "=") {
      ctx.report(rule, cond.range, `keyword "in" is not allowed in ptrace rules`, {
        help: `write ${name}=… instead of ${name} in (…)`,
      });
      return false;
    }
    if (name !== "peer") {
      ctx.report(rule, cond.name.range, `invalid ptrace rule conditional "${name}"`, {
        help: "ptrace rules take only peer=",
      });
      return false;
    }
    if (peerSeen) {
      ctx.report(rule, cond.range, `ptrace conditional "peer" can only be specified once`);
      return false;
    }
    peerSeen = true;
  }
  return true;
}
