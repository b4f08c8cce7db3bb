import rule from "../../../src/lint/rules/rule-no-covered.js";
import { profile, ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: [
    profile("  /usr/share/app/** r,\n  /usr/share/app/x w,"),
    profile("  owner /usr/share/app/** r,\n  /usr/share/app/x r,"),
    profile("  /usr/share/app/** r,\n  audit /usr/share/app/x r,"),
    profile("  /usr/bin/* ix,\n  /usr/bin/tool Px,"),
    profile("  /usr/share/app/* r,\n  /usr/share/app/sub/x r,"),
    { name: "exact duplicates are rule-no-duplicate's", code: profile("  /etc/a r,\n  /etc/a r,") },
    { name: "priority makes a rule different", code: profile("  /etc/** r,\n  priority=1 /etc/a r,") },
  ],
  invalid: [
    {
      code: profile("  /usr/share/app/** r,\n  /usr/share/app/icons/*.png r,"),
      errors: [{ messageId: "covered", line: 6, column: 3 }],
      output: profile("  /usr/share/app/** r,"),
    },
    {
      name: "order does not matter",
      code: profile("  /etc/app.conf r,\n  /etc/app.* rw,"),
      errors: [{ line: 5, column: 3 }],
      output: profile("  /etc/app.* rw,"),
    },
    {
      name: "owner rule covered by a rule for everyone",
      code: profile("  /var/lib/app/** rw,\n  owner /var/lib/app/db a,"),
      errors: [{ line: 6, column: 3 }],
      output: profile("  /var/lib/app/** rw,"),
    },
    {
      name: "covered by an included abstraction",
      code: profile("  include <abstractions/base>\n  /usr/lib/x86_64-linux-gnu/libfoo.so.1 mr,"),
      errors: [{ line: 6, column: 3 }],
      output: profile("  include <abstractions/base>"),
    },
    {
      name: "mutually covering rules: the later one goes",
      code: profile("  /opt/a{,b} r,\n  /opt/{a,ab} r,"),
      errors: [{ line: 6, column: 3 }],
      output: profile("  /opt/a{,b} r,"),
    },
    {
      name: "deny rules",
      code: profile("  deny /etc/** w,\n  deny /etc/shadow w,"),
      errors: [{ line: 6, column: 3 }],
      output: profile("  deny /etc/** w,"),
    },
    {
      name: "capabilities",
      code: profile("  capability setuid setgid,\n  capability setgid,"),
      errors: [{ line: 6, column: 3 }],
      output: profile("  capability setuid setgid,"),
    },
  ],
});
