import rule from "../../../src/lint/rules/network-no-allow-all.js";
import { profile, ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: [profile("  network inet stream,"), profile("  deny network,"), profile("  network inet,")],
  invalid: [
    { code: profile("  network,"), errors: [{ messageId: "bare", line: 5, column: 3 }] },
    { code: profile("  allow network,"), errors: [{ messageId: "bare", line: 5, column: 3 }] },
  ],
});
