/**
 * io_uring rules: `io_uring [sqpoll|override_creds|(…)] [label=…],` (parser/io_uring.cc).
 *
 * The keyword does not switch the scanner into a rule state, so a bare access word must be one of the two
 * io_uring keywords; inside parentheses unknown words are silently ignored. The conditional group's name
 * is never checked, and the label is never expanded (io_uring_rule::expand_variables does nothing).
 */
import type { Condition, IoUringRule } from "../ast/nodes.js";
import type { ResolvedRule } from "../resolve/model.js";
import type { Check, CheckContext } from "./context.js";
import { readAccess, upstreamOrder, valuesRange, type AccessTable } from "./ipc-access.js";

const SQPOLL = 0x2;
const OVERRIDE_CREDS = 0x4;

export const IO_URING_ACCESS: AccessTable = {
  rule: "io_uring",
  label: "io_uring",
  words: { sqpoll: SQPOLL, override_creds: OVERRIDE_CREDS },
  read: 0,
  write: 0,
  ignoreUnknownValues: true,
};

export const ioUringCheck: Check = {
  code: "AA2059",
  name: "io-uring-rule",
  rule(rule, _profile, ctx) {
    if (rule.node.type !== "IoUringRule") return;
    checkParsed(rule.node, rule, ctx);
  },
};

function checkParsed(node: IoUringRule, rule: ResolvedRule, ctx: CheckContext): void {
  const access = readAccess(node.access, IO_URING_ACCESS);
  if (!access.ok) {
    ctx.report(rule, access.word.range, access.message, { help: access.help });
    return;
  }
  const state = { label: false };
  if (!moveConditions(node.conditions, state, rule, ctx)) return;
  if (node.conditionList) moveConditions(node.conditionList.conditions, state, rule, ctx);
}

function moveConditions(
  conds: readonly Condition[], state: { label: boolean }, rule: ResolvedRule, ctx: CheckContext,
): boolean {
  for (const cond of upstreamOrder(conds)) {
    const name = cond.name.value;
    if (cond.operator !== "=") {
      ctx.report(rule, cond.range, `keyword "in" is not allowed in io_uring rules`, {
        help: cond.operator === null ? `give ${name} a value: ${name}=…` : `write ${name}=… with a single value`,
      });
      return false;
    }
    if (cond.values.length > 1) {
      ctx.report(rule, valuesRange(cond), `io_uring conditional "${name}" only supports a single value`);
      return false;
    }
    if (name !== "label") {
      ctx.report(rule, cond.name.range, `invalid io_uring conditional "${name}"`, {
        help: "io_uring rules take only label=",
      });
      return false;
    }
    if (state.label) {
      ctx.report(rule, cond.range, `io_uring conditional "label" can only be specified once`);
      return false;
    }
    state.label = true;
  }
  return true;
}
