import rule from "../../../src/lint/rules/file-no-allow-all.js";
import { profile, ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: [profile("  deny file,"), profile("  /** r,"), profile("  audit deny file,")],
  invalid: [
    { code: profile("  file,"), errors: [{ messageId: "bare", line: 5, column: 3, endColumn: 8 }] },
    { code: profile("  audit owner file,"), errors: [{ messageId: "bare", line: 5, column: 3 }] },
    {
      name: "the Kubernetes tutorial's profile",
      code: profile("  file,\n  deny /** w,"),
      errors: [{ messageId: "bareWithDeny", line: 5, column: 3 }],
    },
    { name: "inside a block", code: profile("  audit {\n    file,\n  }"), errors: [{ line: 6, column: 5 }] },
  ],
});
