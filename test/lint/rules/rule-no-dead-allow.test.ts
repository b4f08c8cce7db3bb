import rule from "../../../src/lint/rules/rule-no-dead-allow.js";
import { profile, ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: [
    profile("  deny /etc/** w,\n  /etc/app.conf rw,"),
    profile("  deny owner /etc/** w,\n  /etc/app.conf w,"),
    profile("  deny /etc/app.conf w,\n  priority=1 /etc/app.conf w,"),
    profile("  deny /etc/app.conf w,\n  /etc/app.* w,"),
  ],
  invalid: [
    {
      code: profile("  deny /etc/** w,\n  /etc/app.conf w,"),
      errors: [{ messageId: "dead", line: 6, column: 3 }],
      output: profile("  deny /etc/** w,"),
    },
    {
      name: "permissions taken by several deny rules",
      code: profile("  deny /srv/** w,\n  deny /srv/** r,\n  /srv/data rw,"),
      errors: [{ line: 7, column: 3 }],
      output: profile("  deny /srv/** w,\n  deny /srv/** r,"),
    },
    {
      name: "capabilities",
      code: profile("  deny capability sys_admin,\n  capability sys_admin,"),
      errors: [{ line: 6, column: 3 }],
      output: profile("  deny capability sys_admin,"),
    },
  ],
});
