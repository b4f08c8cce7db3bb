/**
 * AA3501 profile-no-complain-mode: `flags=(complain)`.
 */
import { defineRule } from "../rule.js";
import { flagRemoval } from "./profile-no-unconfined-mode.js";

export default defineRule({
  meta: {
    code: "AA3501",
    name: "profile-no-complain-mode",
    category: "security",
    fixable: "suggestion",
    presets: { recommended: "warning", strict: "error", "apparmor.d": "off", container: "error" },
    messages: {
      complain: "profile {{name}} is in complain mode: it logs violations and enforces nothing",
    },
    help: "remove `complain` once the profile is complete; keep development profiles out of the tree you ship",
    docs: {
      summary: "Profiles in complain mode",
      what: "Reports profiles with the `complain` flag.",
      why:
        "Complain mode is for writing a profile, not for running one: every rule violation is allowed and " +
        "logged. A profile shipped in complain mode gives the appearance of confinement with none of it.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile worker /usr/bin/worker flags=(complain) {
  /usr/bin/worker mr,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile worker /usr/bin/worker {
  /usr/bin/worker mr,
}
`,
      exceptions: "Off in the `apparmor.d` preset, whose profiles are developed in complain mode.",
    },
  },
  create(ctx) {
    return {
      Profile(profile) {
        if (profile.fragment) return;
        const flag = profile.node.flags?.values.find((v) => v.value === "complain");
        if (!flag) return;
        const removal = flagRemoval(ctx, profile, flag);
        ctx.report({
          origin: profile, range: flag.range, messageId: "complain", data: { name: profile.node.name.value },
          suggest: removal ? [{ description: "enforce: remove the `complain` flag", edits: [removal] }] : [],
        });
      },
    };
  },
});
