/**
 * AA3201 exec-no-unconfined: `ux` / `Ux` execution.
 */
import { defineRule } from "../rule.js";

export default defineRule({
  meta: {
    code: "AA3201",
    name: "exec-no-unconfined",
    category: "security",
    local: true,
    fixable: "suggestion",
    presets: { recommended: "error", strict: "error", "apparmor.d": "error", container: "error" },
    messages: {
      unconfined: "`{{perms}}` runs {{path}} unconfined: the new program is not restricted by AppArmor at all",
      unscrubbed: "`{{perms}}` runs {{path}} unconfined and without scrubbing the environment: LD_PRELOAD and friends pass straight into an unconfined process",
    },
    help: "write a profile for the program and use `Px` (or a child profile with `Cx`)",
    docs: {
      summary: "Unconfined execution (`ux`, `Ux`)",
      what: "Reports allow rules whose exec mode is `ux` or `Ux`.",
      why:
        "Whatever the confined program can make the executed program do happens without confinement: a " +
        "compromised program that may `ux` a shell or an interpreter has escaped. Lower-case `ux` also " +
        "passes the environment through unscrubbed, so the confined program chooses the libraries the " +
        "unconfined one loads.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile mailer /usr/bin/mailer {
  /usr/sbin/sendmail ux,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile mailer /usr/bin/mailer {
  /usr/sbin/sendmail Px,
}
`,
      exceptions:
        "Fallbacks (`pux`, `PUx`, `cux`, `CUx`) are reported by exec-no-unconfined-fallback. For lower-case " +
        "`ux` the suggestion is `Ux`, which at least scrubs the environment.",
    },
  },
  create(ctx) {
    return {
      FileRule(rule, profile) {
        const f = ctx.facts.file(rule, profile);
        const exec = f?.perms.exec;
        if (!f || f.prefix.mode !== "allow" || !exec || exec.kind !== "u") return;
        const word = rule.node.permissions!;
        const path = f.node.path?.raw ?? "";
        if (exec.scrub) {
          ctx.report({ origin: rule, range: word.range, messageId: "unconfined", data: { perms: word.raw, path } });
          return;
        }
        const fixed = word.raw.replace(/ux/, "Ux");
        ctx.report({
          origin: rule, range: word.range, messageId: "unscrubbed", data: { perms: word.raw, path },
          suggest: fixed !== word.raw && !rule.node.safety
            ? [{ description: `scrub the environment: \`${fixed}\``, edits: [{ start: word.range.start.offset, end: word.range.end.offset, text: fixed }] }]
            : [],
        });
      },
    };
  },
});
