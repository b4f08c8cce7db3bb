import rule from "../../../src/lint/rules/file-no-global-write.js";
import { profile, ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: [
    profile("  /** r,"),
    profile("  deny /** w,"),
    profile("  /home/** rw,"),
    { name: "a deny rule takes the write back", code: profile("  /** rw,\n  deny /** w,") },
    { name: "bare file is another rule's", code: profile("  file,") },
  ],
  invalid: [
    { code: profile("  /** rw,"), errors: [{ messageId: "global", line: 5, column: 3, endColumn: 6 }] },
    { code: profile("  /{,**} w,"), errors: [{ messageId: "global", line: 5, column: 3 }] },
    { code: profile("  /*/** k,"), errors: [{ messageId: "global", line: 5, column: 3 }] },
    { name: "through a variable", code: `abi <abi/4.0>,\n@{ALL} = /**\nprofile t {\n  @{ALL} a,\n}\n`, errors: [{ line: 4, column: 3 }] },
    { name: "link rules", code: profile("  link /** -> /tmp/x,"), errors: [{ line: 5, column: 8 }] },
    { name: "owner does not help", code: profile("  owner /** w,"), errors: [{ line: 5, column: 9 }] },
  ],
});
