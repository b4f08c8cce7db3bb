import rule from "../../../src/lint/rules/signal-require-peer.js";
import { profile, ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: [
    profile("  signal (send) peer=worker,"),
    profile("  signal (receive),"),
    profile("  signal (receive, send) set=(\"exists\"),"),
    { name: "bare is ipc-no-allow-all's", code: profile("  signal,") },
  ],
  invalid: [
    { code: profile("  signal (send) set=(term),"), errors: [{ messageId: "peerless", line: 5, column: 3 }] },
    { code: profile("  signal set=(kill),"), errors: [{ messageId: "peerless", line: 5, column: 3 }] },
  ],
});
