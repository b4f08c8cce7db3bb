import rule from "../../../src/lint/rules/network-no-raw-socket.js";
import { profile, ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: [profile("  network inet dgram,"), profile("  network netlink raw,"), profile("  deny network raw,")],
  invalid: [
    { code: profile("  network inet raw,"), errors: [{ messageId: "raw", line: 5, column: 3 }] },
    { code: profile("  network raw,"), errors: [{ messageId: "raw", line: 5, column: 3 }] },
    { code: profile("  network packet,"), errors: [{ messageId: "packet", line: 5, column: 3 }] },
  ],
});
