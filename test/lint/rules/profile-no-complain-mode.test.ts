import rule from "../../../src/lint/rules/profile-no-complain-mode.js";
import { profile, ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: [profile("  /usr/bin/test mr,"), profile("  /usr/bin/test mr,", "profile test flags=(enforce)")],
  invalid: [
    { code: profile("  /usr/bin/test mr,", "profile test flags=(complain)"), errors: [{ messageId: "complain", line: 4, column: 21, endColumn: 29 }] },
    { code: profile("  /usr/bin/test mr,", "profile test (attach_disconnected, complain)"), errors: [{ line: 4, column: 36 }] },
  ],
});
