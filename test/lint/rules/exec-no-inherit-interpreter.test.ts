import rule from "../../../src/lint/rules/exec-no-inherit-interpreter.js";
import { profile, ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: [
    profile("  /usr/bin/bash Px,"),
    profile("  /usr/bin/tar ix,"),
    profile("  /usr/lib/app/helper ix,"),
    { name: "denied", code: profile("  /usr/bin/* ix,\n  deny /usr/bin/{,ba,da}sh x,\n  deny /usr/bin/{python*,perl,ruby,node,nodejs,lua,php,tclsh,pwsh,zsh,ksh,mksh,csh,tcsh,fish,busybox} x,") },
  ],
  invalid: [
    { code: profile("  /usr/bin/bash ix,"), errors: [{ messageId: "interpreter", line: 5, column: 3 }] },
    { code: profile("  /{usr/,}bin/{,ba,da}sh rix,"), errors: [{ line: 5, column: 3 }] },
    { name: "through a wildcard", code: profile("  /usr/bin/* ix,"), errors: [{ line: 5, column: 3 }] },
  ],
});
