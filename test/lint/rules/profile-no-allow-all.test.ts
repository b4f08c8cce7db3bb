import rule from "../../../src/lint/rules/profile-no-allow-all.js";
import { profile, ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: [profile("  deny all,"), profile("  /usr/bin/test mr,")],
  invalid: [{ code: profile("  all,"), errors: [{ messageId: "all", line: 5, column: 3, endColumn: 7 }] }],
});
