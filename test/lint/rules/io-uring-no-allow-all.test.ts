import rule from "../../../src/lint/rules/io-uring-no-allow-all.js";
import { profile, ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: [profile("  io_uring sqpoll,"), profile("  deny io_uring,")],
  invalid: [{ code: profile("  io_uring,"), errors: [{ messageId: "bare", line: 5, column: 3 }] }],
});
