import rule from "../../../src/lint/rules/capability-no-dangerous.js";
import { profile, ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: [
    profile("  capability net_bind_service,"),
    profile("  capability setuid setgid,"),
    profile("  deny capability sys_admin,"),
    { name: "denied as well", code: profile("  capability sys_admin,\n  deny capability sys_admin,") },
    { name: "below minRank", code: profile("  capability setuid,"), options: { minRank: 10 } },
  ],
  invalid: [
    { code: profile("  capability sys_admin,"), errors: [{ messageId: "dangerous", line: 5, column: 14, endColumn: 23 }] },
    {
      code: profile("  capability chown sys_module bpf,"),
      errors: [{ line: 5, column: 20 }, { line: 5, column: 31 }],
    },
    { name: "minRank 9", code: profile("  capability setuid,"), options: { minRank: 9 }, errors: [{ line: 5, column: 14 }] },
  ],
});
