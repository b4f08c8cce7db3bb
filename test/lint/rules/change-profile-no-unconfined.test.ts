import rule from "../../../src/lint/rules/change-profile-no-unconfined.js";
import { profile, ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: [
    profile("  change_profile -> worker,"),
    profile("  change_profile -> worker-*,"),
    profile("  deny change_profile -> **,"),
    { name: "bare is change-profile-no-allow-all's", code: profile("  change_profile,") },
  ],
  invalid: [
    { code: profile("  change_profile -> unconfined,"), errors: [{ messageId: "unconfined", line: 5, column: 21 }] },
    { code: profile("  change_profile -> **,"), errors: [{ messageId: "unconfined", line: 5, column: 21 }] },
    { code: profile("  change_profile /usr/bin/helper,"), errors: [{ messageId: "anyTarget", line: 5, column: 3 }] },
  ],
});
