/**
 * AA3110 file-no-allow-all: bare `file,`.
 */
import { defineRule } from "../rule.js";
import { isAllow } from "../shapes.js";

export default defineRule({
  meta: {
    code: "AA3110",
    name: "file-no-allow-all",
    category: "security",
    local: true,
    fixable: null,
    presets: { recommended: "error", strict: "error", "apparmor.d": "error", container: "error" },
    messages: {
      bare: "`file,` grants every file permission on every path: read, write, map, link, lock and execute",
      bareWithDeny: "`file,` grants every file permission on every path; the deny rules take back {{denied}}, but it still grants {{remaining}} everywhere",
    },
    help: "replace `file,` with rules for the paths the program uses; `aa-logprof` can propose them from the audit log",
    docs: {
      summary: "Bare `file,` rules",
      what:
        "Reports `file,` written as an allow rule (with or without `audit` or `owner`). When the profile denies " +
        "some permissions on every path (`deny /** w,`), the message says what is still granted.",
      why:
        "`file,` allows reading, writing, mapping executable, linking and locking every file, and running " +
        "every program under the same profile. A deny rule for writes leaves reading every secret on the " +
        "host and executing every binary; the profile confines the program's files hardly at all.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile k8s-apparmor-example-deny-write flags=(attach_disconnected) {
  include <abstractions/base>

  file,

  # Deny all file writes.
  deny /** w,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile k8s-apparmor-example-deny-write flags=(attach_disconnected) {
  include <abstractions/base>

  /app/** r,
  /app/bin/server ix,

  # Deny all file writes.
  deny /** w,
}
`,
      exceptions: "`deny file,` and other deny forms are not reported.",
    },
  },
  create(ctx) {
    return {
      FileRule(rule, profile) {
        if (!rule.node.bare || !isAllow(rule)) return;
        const f = ctx.facts.file(rule, profile);
        const denied: string[] = [];
        const remaining: string[] = [];
        const everything = ctx.facts.glob("/**");
        for (const [letter, word] of [["r", "read"], ["w", "write"], ["m", "map"], ["l", "link"], ["k", "lock"], ["x", "execute"]] as const) {
          const d = everything && ctx.facts.deniedGlob(profile, everything, letter, f);
          (d ? denied : remaining).push(word);
        }
        if (denied.length && remaining.length) {
          ctx.report({
            origin: rule, range: rule.node.range, messageId: "bareWithDeny",
            data: { denied: denied.join(", "), remaining: remaining.join(", ") },
          });
        } else if (!denied.length) {
          ctx.report({ origin: rule, range: rule.node.range, messageId: "bare" });
        }
      },
    };
  },
});
