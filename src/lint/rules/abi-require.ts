/**
 * AA3703 abi-require: a profile file without an `abi` rule.
 */
import { defineRule } from "../rule.js";

export default defineRule({
  meta: {
    code: "AA3703",
    name: "abi-require",
    category: "style",
    fixable: "suggestion",
    presets: { strict: "warning", "apparmor.d": "error" },
    messages: {
      missing: "this file declares no feature ABI: what its rules mean depends on the kernel it is loaded on",
    },
    help: "declare the ABI the profile was written for, e.g. `abi <abi/4.0>,` at the top of the file",
    docs: {
      summary: "Missing `abi` rule",
      what: "Reports files that define profiles without an `abi <…>,` rule in their preamble.",
      why:
        "Without an ABI, apparmor_parser falls back to a default feature set (often an old, pinned one), so " +
        "rule kinds the kernel supports may be silently downgraded or left unenforced: a network or unix rule " +
        "written for a new kernel can end up enforcing nothing. Declaring the ABI makes the policy mean the " +
        "same thing everywhere.",
      bad: `include <tunables/global>

profile app /usr/bin/app {
  /usr/bin/app mr,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile app /usr/bin/app {
  /usr/bin/app mr,
}
`,
    },
  },
  create(ctx) {
    return {
      RootFile(file) {
        if (file.fragment) return;
        const first = file.ast.body.find((i) => i.type === "Profile");
        if (!first || first.type !== "Profile") return;
        if (file.ast.body.some((i) => i.type === "AbiRule")) return;
        const startItem = file.ast.body[0]!;
        const at = file.text.lastIndexOf("\n", startItem.range.start.offset - 1) + 1;
        ctx.report({
          origin: { file: file.path, chain: [] }, range: first.name.range, messageId: "missing",
          suggest: [{ description: "declare ABI 4.0", edits: [{ start: at, end: at, text: "abi <abi/4.0>,\n\n" }] }],
        });
      },
    };
  },
});
