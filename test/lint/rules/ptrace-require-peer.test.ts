import rule from "../../../src/lint/rules/ptrace-require-peer.js";
import { profile, ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: [
    profile("  ptrace (read) peer=@{profile_name},"),
    profile("  ptrace (readby),"),
    profile("  ptrace (tracedby),"),
    { name: "bare is ptrace-no-allow-all's", code: profile("  ptrace,") },
  ],
  invalid: [
    { code: profile("  ptrace (read),"), errors: [{ messageId: "peerless", line: 5, column: 3 }] },
    { code: profile("  ptrace trace,"), errors: [{ messageId: "peerless", line: 5, column: 3 }] },
  ],
});
