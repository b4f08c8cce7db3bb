import rule from "../../../src/lint/rules/file-permission-order.js";
import { profile, ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: [profile("  /a mr,\n  /b rwk,\n  /c rPx,\n  /d mrix,\n  /e rw,"), profile("  /a Px,")],
  invalid: [
    {
      code: profile("  /a rm,\n  /b kwr,\n  /c ixr,"),
      errors: [
        { messageId: "order", line: 5, column: 6, endColumn: 8 },
        { line: 6, column: 6 },
        { line: 7, column: 6 },
      ],
      output: profile("  /a mr,\n  /b rwk,\n  /c rix,"),
    },
    { name: "repeated letters", code: profile("  /a rr,"), errors: [{ line: 5, column: 6 }], output: profile("  /a r,") },
    { name: "leading permissions", code: profile("  wr /a,"), errors: [{ line: 5, column: 3 }], output: profile("  rw /a,") },
  ],
});
