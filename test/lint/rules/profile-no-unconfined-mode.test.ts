import rule from "../../../src/lint/rules/profile-no-unconfined-mode.js";
import { profile, ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: [profile("  userns,"), profile("  userns,", "profile test flags=(attach_disconnected)")],
  invalid: [
    { code: profile("  userns,", "profile test flags=(unconfined)"), errors: [{ messageId: "unconfined", line: 4, column: 21 }] },
    { code: profile("  userns,", "profile test flags=(default_allow)"), errors: [{ messageId: "unconfined", line: 4, column: 21 }] },
  ],
});
