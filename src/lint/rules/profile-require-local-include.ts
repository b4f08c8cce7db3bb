/**
 * AA3706 profile-require-local-include: a profile without `include if exists <local/…>`.
 */
import { basename } from "node:path";
import { defineRule, isOwn } from "../rule.js";
import { includesOf } from "./include-no-legacy-syntax.js";

export default defineRule({
  meta: {
    code: "AA3706",
    name: "profile-require-local-include",
    category: "style",
    fixable: "suggestion",
    presets: { strict: "warning", "apparmor.d": "warning" },
    messages: {
      missing: "profile {{name}} has no `include if exists <local/…>`: site-specific additions can only be made by editing the packaged file",
    },
    help: "end the profile with `include if exists <local/{{file}}>`",
    docs: {
      summary: "Profiles without a local override include",
      what: "Reports top-level profiles of the linted file that do not include anything from `local/`.",
      why:
        "Packaged profiles are replaced on upgrade. The local include is where administrators add the rules " +
        "their site needs; without it they edit the packaged file, and the package manager either " +
        "overwrites their change or stops updating the profile.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile app /usr/bin/app {
  /usr/bin/app mr,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile app /usr/bin/app {
  /usr/bin/app mr,

  include if exists <local/app>
}
`,
    },
  },
  create(ctx) {
    const file = basename(ctx.rootPath);
    return {
      Profile(profile) {
        if (profile.fragment || profile.parent || !isOwn(profile, ctx.rootPath)) return;
        if (includesOf(profile.node.body).some((i) => i.path.startsWith("local/"))) return;
        const text = ctx.source(profile.file);
        const close = profile.node.bodyRange.end.offset - 1;
        const suggest = [];
        if (text !== undefined && text[close] === "}") {
          const lineStart = text.lastIndexOf("\n", close - 1) + 1;
          const onOwnLine = text.slice(lineStart, close).trim() === "";
          const at = onOwnLine ? lineStart : close;
          const line = `include if exists <local/${file}>`;
          suggest.push({
            description: `add \`${line}\``,
            edits: [{ start: at, end: at, text: onOwnLine ? `\n  ${line}\n` : `${line} ` }],
          });
        }
        ctx.report({
          origin: profile, range: profile.node.name.range, messageId: "missing",
          data: { name: profile.node.name.value, file }, suggest,
        });
      },
    };
  },
});
