import rule from "../../../src/lint/rules/file-no-system-tree-write.js";
import { profile, ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: [
    profile("  /etc/app/** rw,"),
    profile("  /etc/** r,"),
    profile("  owner @{HOME}/** rw,"),
    profile("  /dev/tty* rw,"),
    { name: "global writes are file-no-global-write's", code: profile("  /** w,") },
    { name: "denied on the whole tree", code: profile("  /etc/** rw,\n  deny /etc/** w,") },
  ],
  invalid: [
    { code: profile("  /etc/** rw,"), errors: [{ messageId: "tree", line: 5, column: 3 }] },
    { code: profile("  /etc/* w,"), errors: [{ messageId: "tree", line: 5, column: 3 }] },
    { code: profile("  /{usr,boot}/** w,"), errors: [{ messageId: "tree", line: 5, column: 3 }] },
    { code: profile("  /var/** w,"), errors: [{ messageId: "tree", line: 5, column: 3 }] },
    { code: profile("  @{HOME}/** rw,"), errors: [{ messageId: "home", line: 5, column: 3 }] },
    { code: profile("  @{PROC}/** w,"), errors: [{ messageId: "tree", line: 5, column: 3 }] },
  ],
});
