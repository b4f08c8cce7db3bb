import rule from "../../../src/lint/rules/include-no-legacy-syntax.js";
import { ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: ["abi <abi/4.0>,\ninclude <tunables/global>\nprofile t {\n  include <abstractions/base>\n}\n"],
  invalid: [
    {
      code: "abi <abi/4.0>,\n#include <tunables/global>\nprofile t {\n  #include <abstractions/base>\n  if true {\n    #include <abstractions/nameservice>\n  }\n}\n",
      errors: [
        { messageId: "legacy", line: 2, column: 1, endColumn: 9 },
        { line: 4, column: 3 },
        { line: 6, column: 5 },
      ],
      output: "abi <abi/4.0>,\ninclude <tunables/global>\nprofile t {\n  include <abstractions/base>\n  if true {\n    include <abstractions/nameservice>\n  }\n}\n",
    },
  ],
});
