import rule from "../../../src/lint/rules/profile-no-empty.js";
import { profile, ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: [
    profile("  include <abstractions/base>"),
    profile("", "profile test flags=(unconfined)"),
    profile("  /usr/bin/test mr,"),
    { name: "an empty hat is not a workload's profile", code: profile("  /usr/bin/test mr,\n  ^hat {\n  }") },
  ],
  invalid: [
    { code: profile(""), errors: [{ messageId: "empty", line: 4, column: 9 }] },
    { code: profile("  deny /** w,"), errors: [{ messageId: "denyOnly", line: 4, column: 9 }] },
  ],
});
