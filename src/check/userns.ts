/**
 * userns rules: `userns [create],` (parser/userns.cc).
 *
 * Upstream's scanner accepts nothing after `userns` but `create` and `,`, so these checks are the
 * constructor's own and guard input the scanner would already have refused.
 */
import type { Check } from "./context.js";
import { readAccess, upstreamOrder, type AccessTable } from "./ipc-access.js";

const CREATE = 0x10;

export const USERNS_ACCESS: AccessTable = {
  rule: "userns",
  label: "userns",
  words: { create: CREATE },
  read: 0,
  write: 0,
  ignoreUnknownValues: true,
};

export const usernsCheck: Check = {
  code: "AA2060",
  name: "userns-rule",
  rule(rule, _profile, ctx) {
    if (rule.node.type !== "UsernsRule") return;
    const node = rule.node;
    const access = readAccess(node.access, USERNS_ACCESS);
    if (!access.ok) {
      ctx.report(rule, access.word.range, access.message, { help: access.help });
      return;
    }
    const cond = upstreamOrder(node.conditions)[0];
    if (!cond) return;
    if (cond.operator !== "=") {
      ctx.report(rule, cond.range, `only "=" allowed in conditions of userns rules`);
    } else {
      ctx.report(rule, cond.name.range, `invalid userns rule conditional "${cond.name.value}"`, {
        help: "userns rules take no conditionals",
      });
    }
  },
};
