import rule from "../../../src/lint/rules/rule-no-duplicate.js";
import { profile, ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: [
    profile("  /etc/a r,\n  /etc/b r,"),
    profile("  /etc/a r,\n  audit /etc/a r,"),
    profile("  /etc/a r,\n  owner /etc/a r,"),
    { name: "two abstractions repeating each other are theirs to fix", code: profile("  include <abstractions/base>"), files: { "/inc/abstractions/base": "/etc/x r,\n/etc/x r,\n" } },
  ],
  invalid: [
    {
      code: profile("  /etc/a r,\n  /etc/a r,"),
      errors: [{ messageId: "duplicate", line: 6, column: 3 }],
      output: profile("  /etc/a r,"),
    },
    {
      name: "permissions compared as sets, rules as compiled",
      code: profile("  /etc/a rw,\n  rw /etc/a,\n  /etc/a wr,"),
      errors: [{ line: 6, column: 3 }, { line: 7, column: 3 }],
      output: profile("  /etc/a rw,"),
    },
    {
      name: "after variable expansion",
      code: profile("  @{PROC}/cpuinfo r,\n  /proc/cpuinfo r,"),
      errors: [{ line: 6, column: 3 }],
      output: profile("  @{PROC}/cpuinfo r,"),
    },
    {
      name: "a rule an included abstraction already has",
      code: profile("  include <abstractions/base>\n  /dev/null rw,"),
      errors: [{ line: 6, column: 3 }],
      output: profile("  include <abstractions/base>"),
    },
    {
      name: "non-file rules, however they are spaced",
      code: profile("  network inet  stream,\n  network inet stream,"),
      errors: [{ line: 6, column: 3 }],
      output: profile("  network inet  stream,"),
    },
    {
      name: "a qualifier block gives the same prefix",
      code: profile("  owner /tmp/a r,\n  owner {\n    /tmp/a r,\n  }"),
      errors: [{ line: 7, column: 5 }],
      output: profile("  owner /tmp/a r,\n  owner {\n  }"),
    },
  ],
});
