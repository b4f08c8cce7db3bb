import rule from "../../../src/lint/rules/mount-no-allow-all.js";
import { profile, ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: [
    profile("  mount fstype=tmpfs -> /run/app/,"),
    profile("  deny mount,"),
    profile("  umount /run/app/,"),
    profile("  remount /run/app/,"),
    profile("  pivot_root /newroot/,"),
  ],
  invalid: [
    { code: profile("  mount,"), errors: [{ messageId: "mount", line: 5, column: 3 }] },
    { code: profile("  remount,"), errors: [{ messageId: "remount", line: 5, column: 3 }] },
    { code: profile("  umount,"), errors: [{ messageId: "umount", line: 5, column: 3 }] },
    { code: profile("  pivot_root,"), errors: [{ messageId: "pivot_root", line: 5, column: 3 }] },
  ],
});
