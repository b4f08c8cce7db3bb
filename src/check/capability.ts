/**
 * capability rules: `capability [NAME …],` (the `caps` action in parser_yacc.y).
 *
 * Names are checked while parsing, so also in untaken `if` branches and qualifier blocks.
 */
import type { Check } from "./context.js";
import { CAPABILITY_NAMES } from "./capability-names.js";

export const capabilityCheck: Check = {
  code: "AA2050",
  name: "capability-rule",
  rule(rule, _profile, ctx) {
    if (rule.node.type !== "CapabilityRule") return;
    for (const name of rule.node.names) {
      if (CAPABILITY_NAMES.has(name.value)) continue;
      ctx.report(rule, name.range, `Invalid capability ${name.value}.`, { help: help(name.value) });
      return;
    }
  },
};

function help(name: string): string {
  const plain = name.toLowerCase().replace(/^cap_/, "");
  if (plain !== name && CAPABILITY_NAMES.has(plain)) return `write '${plain}'`;
  return "capability names are lower case without CAP_, e.g. chown, net_admin, sys_ptrace";
}
