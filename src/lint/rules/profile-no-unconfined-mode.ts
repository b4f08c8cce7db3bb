/**
 * AA3502 profile-no-unconfined-mode: `flags=(unconfined)` and `flags=(default_allow)`.
 */
import type { Word } from "../../ast/nodes.js";
import type { TextEdit } from "../../diagnostics/diagnostic.js";
import type { ResolvedProfile } from "../../resolve/model.js";
import { defineRule, type RuleContext } from "../rule.js";

/** An edit that removes one flag, and the whole `flags=(…)` when it is the only one. */
export function flagRemoval(ctx: RuleContext, profile: ResolvedProfile, flag: Word): TextEdit | null {
  const flags = profile.node.flags;
  const text = ctx.source(profile.file);
  if (!flags || text === undefined) return null;
  if (flags.values.length === 1) {
    let start = flags.range.start.offset;
    while (start > 0 && (text[start - 1] === " " || text[start - 1] === "\t")) start--;
    return { start, end: flags.range.end.offset, text: "" };
  }
  let start = flag.range.start.offset;
  let end = flag.range.end.offset;
  const after = /^[\s,]*/.exec(text.slice(end))![0];
  if (text[end + after.length] === ")") {
    // A loop, not /[\s,]*$/: that regex retries from every offset of a long comma run, quadratically.
    while (start > 0 && /[\s,]/.test(text[start - 1]!)) start--;
  } else {
    end += after.length;
  }
  return { start, end, text: "" };
}

export default defineRule({
  meta: {
    code: "AA3502",
    name: "profile-no-unconfined-mode",
    category: "security",
    fixable: "suggestion",
    presets: { recommended: "warning", strict: "error", "apparmor.d": "warning", container: "error" },
    messages: {
      unconfined: "profile {{name}} is `{{flag}}`: programs under it are not confined, whatever its rules say",
    },
    help: "write the rules the program needs and remove the flag",
    docs: {
      summary: "Profiles in unconfined mode",
      what: "Reports profiles with the `unconfined` or `default_allow` flag.",
      why:
        "An unconfined profile allows everything that is not explicitly denied. It attaches to the program " +
        "(so the program looks confined in `aa-status`) without restricting it.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile browser /opt/browser/browser flags=(unconfined) {
  userns,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile browser /opt/browser/browser {
  include <abstractions/base>
  userns,
  /opt/browser/** mr,
}
`,
      exceptions:
        "Upstream ships unconfined profiles on purpose to grant user namespaces to programs that are not " +
        "otherwise confined; suppress the finding with a reason in such a profile.",
    },
  },
  create(ctx) {
    return {
      Profile(profile) {
        if (profile.fragment) return;
        const flag = profile.node.flags?.values.find((v) => v.value === "unconfined" || v.value === "default_allow");
        if (!flag) return;
        const removal = flagRemoval(ctx, profile, flag);
        ctx.report({
          origin: profile, range: flag.range, messageId: "unconfined", data: { name: profile.node.name.value, flag: flag.value },
          suggest: removal ? [{ description: `confine: remove the \`${flag.value}\` flag`, edits: [removal] }] : [],
        });
      },
    };
  },
});
