import rule from "../../../src/lint/rules/profile-require-local-include.js";
import { profile, ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: [
    profile("  /usr/bin/test mr,\n\n  include if exists <local/profile>"),
    { name: "child profiles do not need one", code: profile("  include if exists <local/profile>\n  profile child {\n  }") },
    { name: "abstractions", code: "/etc/x r,\n" },
  ],
  invalid: [
    { code: profile("  /usr/bin/test mr,"), errors: [{ messageId: "missing", line: 4, column: 9 }] },
  ],
});
