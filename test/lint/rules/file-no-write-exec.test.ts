import rule from "../../../src/lint/rules/file-no-write-exec.js";
import { profile, ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: [
    profile("  /opt/app/** r,\n  /opt/app/bin/* ix,\n  owner /var/lib/app/** rw,"),
    profile("  /usr/lib/** mr,\n  owner /tmp/** rw,"),
    { name: "write denied where it overlaps", code: profile("  owner /tmp/** rw,\n  /tmp/*.so m,\n  deny /tmp/*.so w,") },
    { name: "deny rules", code: profile("  deny /tmp/** wx,") },
    { name: "device nodes hold no code", code: profile("  /dev/snd/* rw,\n  /dev/snd/* m,\n  /dev/dri/card0 mrw,") },
  ],
  invalid: [
    { code: profile("  /tmp/app/** rwm,"), errors: [{ messageId: "sameRule", line: 5, column: 3 }] },
    { code: profile("  /opt/app/** rwix,"), errors: [{ messageId: "sameRule", line: 5, column: 3 }] },
    { name: "shared memory is a file system", code: profile("  owner /dev/shm/app-* rwm,"), errors: [{ messageId: "sameRule", line: 5, column: 3 }] },
    {
      name: "two rules whose globs overlap",
      code: profile("  owner /tmp/** rw,\n  /tmp/plugins/*.so m,"),
      errors: [{ messageId: "pair", line: 6, column: 3 }],
    },
    {
      name: "a profile rule against an abstraction's",
      code: profile("  include <abstractions/base>\n  /{usr/,}lib/app/* w,"),
      errors: [{ messageId: "pair", line: 6, column: 3 }],
    },
  ],
});
