import rule from "../../../src/lint/rules/userns-no-allow-all.js";
import { profile, ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: [profile("  deny userns,"), profile("  /usr/bin/test mr,")],
  invalid: [
    { code: profile("  userns,"), errors: [{ messageId: "bare", line: 5, column: 3 }] },
    { code: profile("  userns create,"), errors: [{ messageId: "bare", line: 5, column: 3 }] },
  ],
});
