import rule from "../../../src/lint/rules/variable-no-unused.js";
import { ruleTester } from "../helpers.js";

const file = (pre: string, body: string, header = "profile t /usr/bin/t") =>
  `abi <abi/4.0>,\ninclude <tunables/global>\n${pre}\n${header} {\n${body}\n}\n`;

ruleTester(rule, {
  valid: [
    file("@{DIRS} = /opt/a /opt/b", "  @{DIRS}/** r,"),
    file("@{exec_path} = /usr/bin/t", "  @{exec_path} mr,", "profile t @{exec_path}"),
    file("@{A} = /a\n@{B} = @{A}/b", "  @{B} r,"),
    file("@{X} = /x", "  if defined @{X} {\n    /x r,\n  }"),
    file("@{X} = /x\n@{X} += /y", "  @{X} r,"),
  ],
  invalid: [
    { code: file("@{DIRS} = /opt/a", "  /opt/a r,"), errors: [{ messageId: "unused", line: 3, column: 1, endColumn: 8 }] },
    { name: "only commented out", code: file("@{DIRS} = /opt/a", "  # @{DIRS} r,\n  /opt/a r,"), errors: [{ line: 3, column: 1 }] },
    { name: "extended but never used", code: file("@{X} = /x\n@{X} += /y", "  /x r,"), errors: [{ line: 3, column: 1 }] },
  ],
});
