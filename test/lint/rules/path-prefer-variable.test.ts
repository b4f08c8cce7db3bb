import rule from "../../../src/lint/rules/path-prefer-variable.js";
import { profile, ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: [
    profile("  @{PROC}/cpuinfo r,"),
    profile("  owner @{HOME}/.app/** rw,"),
    profile("  \"/proc/cpuinfo\" r,"),
    { name: "without the variable", code: "abi <abi/4.0>,\nprofile t {\n  /proc/cpuinfo r,\n}\n" },
  ],
  invalid: [
    {
      name: "same paths: fixed",
      code: profile("  /proc/cpuinfo r,"),
      errors: [{ messageId: "prefer", line: 5, column: 3, endColumn: 9 }],
      output: profile("  @{PROC}/cpuinfo r,"),
    },
    {
      name: "@{HOME} also covers /root: only suggested",
      code: profile("  owner /home/*/.app/** rw,"),
      errors: [{ messageId: "prefer", line: 5, column: 9 }],
    },
    {
      name: "@{run} also covers /var/run: only suggested",
      code: profile("  /run/app.pid rw,"),
      errors: [{ line: 5, column: 3 }],
    },
    {
      name: "both run directories: fixed",
      code: profile("  /{,var/}run/app.pid rw,"),
      errors: [{ line: 5, column: 3 }],
      output: profile("  @{run}/app.pid rw,"),
    },
    {
      name: "configured prefixes",
      code: "abi <abi/4.0>,\ninclude <tunables/global>\n@{APP} = /opt/app/\nprofile t {\n  /opt/app/** r,\n  @{APP}/x r,\n}\n",
      options: { variables: { "/opt/app/": "@{APP}/" } },
      errors: [{ line: 5, column: 3 }],
      output: "abi <abi/4.0>,\ninclude <tunables/global>\n@{APP} = /opt/app/\nprofile t {\n  @{APP}/** r,\n  @{APP}/x r,\n}\n",
    },
  ],
});
