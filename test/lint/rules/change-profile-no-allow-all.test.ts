import rule from "../../../src/lint/rules/change-profile-no-allow-all.js";
import { profile, ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: [profile("  change_profile -> other,"), profile("  deny change_profile,")],
  invalid: [{ code: profile("  change_profile,"), errors: [{ messageId: "bare", line: 5, column: 3 }] }],
});
