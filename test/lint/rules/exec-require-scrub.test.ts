import rule from "../../../src/lint/rules/exec-require-scrub.js";
import { ruleTester } from "../helpers.js";

const two = (perm: string, helper = "capability sys_admin,") =>
  `abi <abi/4.0>,\nprofile front /usr/bin/front {\n  /usr/sbin/helper ${perm},\n}\nprofile helper /usr/sbin/helper {\n  ${helper}\n}\n`;

ruleTester(rule, {
  valid: [
    two("Px"),
    two("px", "/etc/helper r,"),
    { name: "target not in this compilation", code: `abi <abi/4.0>,\nprofile front {\n  /usr/sbin/other px,\n}\n` },
  ],
  invalid: [
    { code: two("px"), errors: [{ messageId: "unscrubbed", line: 3, column: 20 }] },
    { name: "named target", code: two("px -> helper"), errors: [{ line: 3, column: 20 }] },
    { name: "to an unconfined profile", code: two("pix", "").replace("profile helper /usr/sbin/helper", "profile helper /usr/sbin/helper flags=(unconfined)"), errors: [{ line: 3, column: 20 }] },
    {
      name: "a child profile",
      code: `abi <abi/4.0>,\nprofile front {\n  /usr/bin/tool cx -> tool,\n  profile tool {\n    capability dac_override,\n  }\n}\n`,
      errors: [{ line: 3, column: 17 }],
    },
  ],
});
