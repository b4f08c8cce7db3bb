import rule from "../../../src/lint/rules/ptrace-no-allow-all.js";
import { profile, ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: [profile("  ptrace (read) peer=foo,"), profile("  deny ptrace,"), profile("  ptrace (readby),")],
  invalid: [{ code: profile("  ptrace,"), errors: [{ messageId: "bare", line: 5, column: 3 }] }],
});
