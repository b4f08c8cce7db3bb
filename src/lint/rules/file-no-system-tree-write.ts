/**
 * AA3102 file-no-system-tree-write: write access to a whole system tree (/etc, /usr, /boot, /dev …).
 */
import type { ResolvedProfile, ResolvedRule } from "../../resolve/model.js";
import { SENSITIVE_ROOTS } from "../risk.js";
import { defineRule } from "../rule.js";
import { WRITE_LETTERS, writeGrants } from "./file-no-global-write.js";

export default defineRule({
  meta: {
    code: "AA3102",
    name: "file-no-system-tree-write",
    category: "security",
    local: true,
    fixable: null,
    presets: { recommended: "error", strict: "error", "apparmor.d": "error", container: "error" },
    messages: {
      tree: "`{{path}}` grants {{perms}} access to everything in {{trees}}",
      home: "`{{path}}` grants {{perms}} access to everything in {{trees}}, not only to the files the user owns",
    },
    help: "narrow the path to the files the program really changes, and add `owner` for files in home directories",
    docs: {
      summary: "Write access to a whole system directory tree",
      what:
        "Reports allow rules that grant write, append, link or lock on every entry of a sensitive tree: " +
        "/etc, /usr, /bin, /sbin, /lib*, /boot, /var/lib, /dev, /sys, /proc, and home directories " +
        "(`@{HOME}`, /home/*, /root) unless the rule is `owner`-conditional. The test is glob inclusion after " +
        "variable expansion, so `/{etc,usr}/**`, `/etc/*` and `/e*/**` are found as well.",
      why:
        "Writing anywhere in /etc or /usr is as good as root: a changed `ld.so.preload`, PAM module, cron " +
        "entry or binary runs in other, unconfined processes. Writes below /proc and /sys reconfigure the " +
        "kernel, and writing other users' home directories plants code in their shells.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile configd /usr/sbin/configd {
  /etc/** rw,
  @{HOME}/** rw,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile configd /usr/sbin/configd {
  /etc/configd/** rw,
  owner @{HOME}/.config/configd/** rw,
}
`,
      exceptions:
        "Rules that match every file are reported by file-no-global-write instead. A deny rule that takes the " +
        "permission back from the whole path silences the finding.",
    },
  },
  create(ctx) {
    const everything = ctx.facts.glob("/*/**");
    const probes = SENSITIVE_ROOTS.map((r) => ({ root: r, glob: ctx.facts.glob(r.probe) }));
    const check = (rule: ResolvedRule, profile: ResolvedProfile) => {
      const f = ctx.facts.file(rule, profile);
      if (!f || f.bare || f.prefix.mode !== "allow" || !f.glob) return;
      if (!WRITE_LETTERS.some(([l]) => f.perms.letters.has(l))) return;
      if (everything && ctx.facts.globs.includes(f.glob, everything) === true) return;
      const owner = f.prefix.owner === "owner";
      const trees: string[] = [];
      let home = false;
      for (const { root, glob } of probes) {
        if (!glob || (owner && root.ownerExempt)) continue;
        if (ctx.facts.globs.includes(f.glob, glob) !== true) continue;
        trees.push(root.label);
        if (root.ownerExempt) home = true;
      }
      if (!trees.length) return;
      const perms = writeGrants(ctx, f, profile);
      if (!perms.length) return;
      const path = f.node.path!;
      ctx.report({
        origin: rule, range: path.range, messageId: home ? "home" : "tree",
        data: { path: path.raw, perms: perms.join(", "), trees: trees.join(", ") },
      });
    };
    return { FileRule: check, LinkRule: check };
  },
});
