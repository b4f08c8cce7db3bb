import rule from "../../../src/lint/rules/dbus-require-peer.js";
import { profile, ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: [
    profile("  dbus send bus=session path=/org/freedesktop/Notifications,"),
    profile("  dbus send bus=system peer=(name=org.freedesktop.hostname1),"),
    profile("  dbus receive bus=session,"),
    profile("  dbus bind bus=session name=org.example.App,"),
    profile("  dbus bus=session name=org.example.App,"),
  ],
  invalid: [
    { code: profile("  dbus send bus=system,"), errors: [{ messageId: "peerless", line: 5, column: 3 }] },
    { code: profile("  dbus bus=session,"), errors: [{ messageId: "peerless", line: 5, column: 3 }] },
  ],
});
