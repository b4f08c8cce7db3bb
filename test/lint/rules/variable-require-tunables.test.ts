import rule from "../../../src/lint/rules/variable-require-tunables.js";
import { ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: [
    "abi <abi/4.0>,\ninclude <tunables/global>\nprofile t {\n  owner @{HOME}/x r,\n}\n",
    "abi <abi/4.0>,\n@{MINE} = /x\nprofile t {\n  @{MINE} r,\n}\n",
    { name: "abstractions are included by others", code: "owner @{HOME}/x r,\n" },
  ],
  invalid: [
    {
      code: "abi <abi/4.0>,\ninclude <tunables/home>\nprofile t {\n  owner @{HOME}/x r,\n}\n",
      errors: [{ messageId: "missing", line: 4, column: 9, endColumn: 16 }],
    },
    {
      name: "defined by hand",
      code: "abi <abi/4.0>,\n@{PROC} = /proc/\nprofile t {\n  @{PROC}/x r,\n}\n",
      errors: [{ line: 4, column: 3 }],
    },
  ],
});
