/**
 * AA3113 mount-no-allow-all: bare `mount,`, `remount,`, `umount,` and `pivot_root,`.
 */
import type { ResolvedRule } from "../../resolve/model.js";
import { defineRule } from "../rule.js";
import { isAllow } from "../shapes.js";

export default defineRule({
  meta: {
    code: "AA3113",
    name: "mount-no-allow-all",
    category: "security",
    local: true,
    fixable: null,
    presets: { recommended: "error", strict: "error", "apparmor.d": "error", container: "error" },
    messages: {
      mount: "`mount,` allows mounting any file system anywhere, over /etc or /proc included",
      remount: "`remount,` allows remounting any mount point, read-only ones read-write",
      umount: "`umount,` allows unmounting any file system, revealing what is mounted over",
      pivot_root: "`pivot_root,` allows replacing the root file system",
    },
    help: "restrict the rule with fstype=, options= and a mount point (`mount fstype=tmpfs -> /run/app/,`)",
    docs: {
      summary: "Bare mount, remount, umount and pivot_root rules",
      what:
        "Reports `mount,`, `remount,`, `umount,` and `pivot_root,` written without any condition, source or " +
        "mount point in an allow rule.",
      why:
        "Mounting over a path replaces what every process sees there: a tmpfs over /etc or a bind mount over " +
        "a binary defeats every path-based rule of every profile, this one included. Unmounting reveals " +
        "files that a mount was hiding, and pivot_root swaps the whole file system.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile sandboxer /usr/bin/sandboxer {
  capability sys_admin,
  mount,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile sandboxer /usr/bin/sandboxer {
  capability sys_admin,
  mount fstype=tmpfs -> /run/sandboxer/,
}
`,
      exceptions: "Deny forms (`deny mount,`) are not reported.",
    },
  },
  create(ctx) {
    const report = (rule: ResolvedRule, kind: "mount" | "remount" | "umount" | "pivot_root") => {
      if (isAllow(rule)) ctx.report({ origin: rule, range: rule.node.range, messageId: kind });
    };
    return {
      MountRule(rule) {
        const n = rule.node;
        if (!n.conditions.length && !n.source && !n.mountpoint && !n.destConditions.length) report(rule, "mount");
      },
      RemountRule(rule) {
        if (!rule.node.conditions.length && !rule.node.mountpoint) report(rule, "remount");
      },
      UmountRule(rule) {
        if (!rule.node.conditions.length && !rule.node.mountpoint) report(rule, "umount");
      },
      PivotRootRule(rule) {
        const n = rule.node;
        if (!n.conditions.length && !n.newRoot && !n.target) report(rule, "pivot_root");
      },
    };
  },
});
