import rule from "../../../src/lint/rules/abi-require.js";
import { ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: [
    "abi <abi/4.0>,\ninclude <tunables/global>\nprofile t {\n}\n",
    { name: "files of rules meant to be included", code: "/etc/x r,\n" },
  ],
  invalid: [
    { code: "include <tunables/global>\n\nprofile t {\n}\n", errors: [{ messageId: "missing", line: 3, column: 9 }] },
    { code: "/usr/bin/t {\n}\n", errors: [{ messageId: "missing", line: 1, column: 1 }] },
  ],
});
