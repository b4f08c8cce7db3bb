import rule from "../../../src/lint/rules/ipc-no-allow-all.js";
import { profile, ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: [
    profile("  signal (send) peer=foo,"),
    profile("  unix (create),"),
    profile("  dbus send bus=session,"),
    profile("  deny dbus,"),
    profile("  mqueue (read) type=posix,"),
  ],
  invalid: [
    {
      code: profile("  signal,\n  unix,\n  dbus,\n  mqueue,"),
      errors: [
        { messageId: "signal", line: 5, column: 3 },
        { messageId: "unix", line: 6, column: 3 },
        { messageId: "dbus", line: 7, column: 3 },
        { messageId: "mqueue", line: 8, column: 3 },
      ],
    },
  ],
});
