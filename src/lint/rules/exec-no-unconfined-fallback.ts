/**
 * AA3202 exec-no-unconfined-fallback: `pux`, `PUx`, `cux`, `CUx`.
 */
import { defineRule } from "../rule.js";

export default defineRule({
  meta: {
    code: "AA3202",
    name: "exec-no-unconfined-fallback",
    category: "security",
    local: true,
    fixable: "suggestion",
    presets: { recommended: "warning", strict: "error", "apparmor.d": "warning", container: "error" },
    messages: {
      fallback: "`{{perms}}` runs {{path}} unconfined whenever its profile is missing (not loaded, renamed, or removed by a package update)",
    },
    help: "drop the unconfined fallback: with `Px` a missing profile makes the execution fail instead",
    docs: {
      summary: "Transitions that fall back to unconfined",
      what: "Reports allow rules whose exec mode falls back to unconfined: `pux`, `PUx`, `cux`, `CUx`.",
      why:
        "The fallback applies exactly when something is wrong with policy: the target's profile failed to " +
        "load or was never installed. The program then runs with no confinement, silently, and an attacker " +
        "who can make the profile fail to load gets an unconfined process.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile editor /usr/bin/editor {
  /usr/bin/spellcheck PUx,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile editor /usr/bin/editor {
  /usr/bin/spellcheck Px,
}
`,
    },
  },
  create(ctx) {
    return {
      FileRule(rule, profile) {
        const f = ctx.facts.file(rule, profile);
        const exec = f?.perms.exec;
        if (!f || f.prefix.mode !== "allow" || !exec || exec.fallback !== "u") return;
        const word = rule.node.permissions!;
        const fixed = word.raw.replace(/([pPcC])[uU]x/, "$1x");
        ctx.report({
          origin: rule, range: word.range, messageId: "fallback", data: { perms: word.raw, path: f.node.path?.raw ?? "" },
          suggest: fixed !== word.raw
            ? [{ description: `fail instead of running unconfined: \`${fixed}\``, edits: [{ start: word.range.start.offset, end: word.range.end.offset, text: fixed }] }]
            : [],
        });
      },
    };
  },
});
