import rule from "../../../src/lint/rules/capability-no-allow-all.js";
import { profile, ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: [profile("  capability chown,"), profile("  deny capability,")],
  invalid: [
    { code: profile("  capability,"), errors: [{ messageId: "bare", line: 5, column: 3 }] },
    { code: profile("  audit capability,"), errors: [{ messageId: "bare", line: 5, column: 3 }] },
  ],
});
