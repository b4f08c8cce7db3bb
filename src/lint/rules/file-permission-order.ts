/**
 * AA3705 file-permission-order: permissions in the order upstream's tools write them.
 */
import { canonicalPermissions, parsePermissions } from "../permissions.js";
import { defineRule, isOwn } from "../rule.js";

export default defineRule({
  meta: {
    code: "AA3705",
    name: "file-permission-order",
    category: "style",
    local: true,
    fixable: "safe",
    presets: { strict: "warning", "apparmor.d": "warning" },
    messages: {
      order: "permissions `{{perms}}` are not in the usual order: `{{canonical}}`",
    },
    help: "write permissions as m r w a l k, then the exec mode (the order aa-logprof and aa-genprof write)",
    docs: {
      summary: "Permission order",
      what:
        "Reports file rules of the linted file whose permissions are not written in upstream's order: `m r w " +
        "a l k` followed by the exec mode (`mrix`, `rwk`, `rPx`), or that repeat a letter. The fix rewrites " +
        "the permission word; the permissions are the same set.",
      why:
        "A fixed order makes rules easy to compare by eye and keeps diffs quiet: `rw` and `wr` are the same " +
        "grant, and a reviewer should not have to check.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile app /usr/bin/app {
  /usr/bin/app rm,
  /var/lib/app/** kwr,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile app /usr/bin/app {
  /usr/bin/app mr,
  /var/lib/app/** rwk,
}
`,
    },
  },
  create(ctx) {
    return {
      FileRule(rule) {
        const word = rule.node.permissions;
        if (!isOwn(rule, ctx.rootPath) || !word || word.quoted || word.raw !== word.value) return;
        const perms = parsePermissions(word.value);
        if (perms.invalid) return;
        const canonical = canonicalPermissions(perms);
        if (canonical === word.value) return;
        ctx.report({
          origin: rule, range: word.range, messageId: "order", data: { perms: word.value, canonical },
          fix: { description: `write \`${canonical}\``, edits: [{ start: word.range.start.offset, end: word.range.end.offset, text: canonical }] },
        });
      },
    };
  },
});
