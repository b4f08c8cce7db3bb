import rule from "../../../src/lint/rules/file-no-secrets.js";
import { profile, ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: [
    profile("  /etc/passwd r,"),
    profile("  deny /etc/shadow r,"),
    profile("  owner @{HOME}/** r,\n  deny @{HOME}/.ssh/** rw,\n  deny @{HOME}/.gnupg/** rw,"),
    { name: "writing everything is file-no-global-write's", code: profile("  /** rw,") },
  ],
  invalid: [
    { code: profile("  /etc/shadow r,"), errors: [{ messageId: "secret", line: 5, column: 3, endColumn: 14 }] },
    { code: profile("  /etc/* r,"), errors: [{ line: 5, column: 3 }] },
    { code: profile("  owner @{HOME}/** r,"), errors: [{ line: 5, column: 9 }] },
    { code: profile("  /etc/sudoers.d/* w,"), errors: [{ line: 5, column: 3 }] },
  ],
});
