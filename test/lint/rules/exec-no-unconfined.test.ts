import rule from "../../../src/lint/rules/exec-no-unconfined.js";
import { profile, ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: [profile("  /usr/bin/foo Px,"), profile("  /usr/bin/foo ix,"), profile("  deny /usr/bin/foo x,"), profile("  /usr/bin/foo PUx,")],
  invalid: [
    { code: profile("  /usr/bin/foo Ux,"), errors: [{ messageId: "unconfined", line: 5, column: 16, endColumn: 18 }] },
    { code: profile("  /usr/bin/foo rux,"), errors: [{ messageId: "unscrubbed", line: 5, column: 16 }] },
  ],
});
