import rule from "../../../src/lint/rules/exec-no-unconfined-fallback.js";
import { profile, ruleTester } from "../helpers.js";

ruleTester(rule, {
  valid: [profile("  /usr/bin/foo Px,"), profile("  /usr/bin/foo Pix,"), profile("  /usr/bin/foo Ux,")],
  invalid: [
    { code: profile("  /usr/bin/foo PUx,"), errors: [{ messageId: "fallback", line: 5, column: 16 }] },
    { code: profile("  /usr/bin/foo cux -> child,\n  profile child {}"), errors: [{ messageId: "fallback", line: 5, column: 16 }] },
  ],
});
