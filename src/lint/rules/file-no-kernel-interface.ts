/**
 * AA3302 file-no-kernel-interface: kernel memory, and writes that reconfigure the kernel or AppArmor.
 */
import type { ResolvedProfile, ResolvedRule } from "../../resolve/model.js";
import { labels, permWords, probeHits, writesEverywhere } from "../probes.js";
import { KERNEL_MEMORY_PROBES, KERNEL_WRITE_PROBES, KERNEL_WRITE_TREES } from "../risk.js";
import { defineRule } from "../rule.js";

export default defineRule({
  meta: {
    code: "AA3302",
    name: "file-no-kernel-interface",
    category: "security",
    local: true,
    fixable: null,
    presets: { recommended: "warning", strict: "error", "apparmor.d": "warning", container: "error" },
    messages: {
      memory: "`{{path}}` grants {{perms}} access to {{what}}",
      write: "`{{path}}` grants {{perms}} access to {{what}}",
      sysctl: "`{{path}}` grants {{perms}} access to kernel settings under /proc/sys",
    },
    help: "remove the access, or narrow it to the one read-only file the program needs",
    docs: {
      summary: "Kernel memory and kernel configuration",
      what:
        "Reports allow rules that reach /proc/*/mem, /proc/kcore, /dev/mem, /dev/kmem or /dev/port with any " +
        "permission, and rules that grant write or append on files under /proc/sys, /proc/sysrq-trigger, " +
        "/sys/kernel/security (AppArmor's own policy interface), /sys/kernel/uevent_helper or cgroup " +
        "release_agent files, and rules that grant write on the security attributes of every process " +
        "(`@{PROC}/*/attr/**`).",
      why:
        "Reading kernel or another process's memory discloses keys and defeats address randomisation. " +
        "Writing core_pattern, modprobe, uevent_helper or release_agent makes the kernel run a program of the " +
        "writer's choice as root, the classic container escapes; writing the security filesystem or attr " +
        "files changes confinement itself.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile tuner /usr/sbin/tuner {
  @{PROC}/sys/kernel/** rw,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile tuner /usr/sbin/tuner {
  @{PROC}/sys/kernel/** r,
}
`,
      exceptions:
        "Device-specific writes below /sys (a LED's brightness, a backlight) are not reported; writes to " +
        "the whole of /sys or /proc are reported by file-no-system-tree-write, and rules that write every " +
        "file by file-no-global-write. A process writing its own `@{PROC}/@{pid}/attr/current` (how " +
        "change_hat works) is not reported: change_profile rules mediate that.",
    },
  },
  create(ctx) {
    const sysctl = ctx.facts.glob("/proc/sys/**");
    const trees = KERNEL_WRITE_TREES.map((t) => ({ label: t.label, glob: ctx.facts.glob(t.probe) }));
    const check = (rule: ResolvedRule, profile: ResolvedProfile) => {
      const f = ctx.facts.file(rule, profile);
      if (!f || !f.glob || writesEverywhere(ctx.facts, f, profile)) return;
      const path = f.node.path!;
      const memory = probeHits(ctx.facts, f, profile, KERNEL_MEMORY_PROBES, ["r", "w", "a", "m", "l", "k"]);
      if (memory.length) {
        ctx.report({
          origin: rule, range: path.range, messageId: "memory",
          data: { path: path.raw, perms: permWords(memory.flatMap((h) => h.granted)), what: labels(memory) },
        });
        return;
      }
      const writes = probeHits(ctx.facts, f, profile, KERNEL_WRITE_PROBES, ["w", "a"]);
      if (writes.length) {
        ctx.report({
          origin: rule, range: path.range, messageId: "write",
          data: { path: path.raw, perms: permWords(writes.flatMap((h) => h.granted)), what: labels(writes) },
        });
        return;
      }
      if (f.prefix.mode !== "allow" || !(f.perms.letters.has("w") || f.perms.letters.has("a"))) return;
      const tree = trees.find((t) => t.glob && ctx.facts.globs.includes(f.glob!, t.glob) === true);
      if (tree && !ctx.facts.deniedGlob(profile, tree.glob!, "w", f)) {
        ctx.report({ origin: rule, range: path.range, messageId: "write", data: { path: path.raw, perms: "write", what: tree.label } });
        return;
      }
      // Any other sysctl: a write below /proc/sys anywhere the rule reaches.
      if (!sysctl) return;
      if (ctx.facts.globs.includes(sysctl, f.glob) !== true) return;
      if (ctx.facts.deniedGlob(profile, f.glob, "w", f)) return;
      ctx.report({
        origin: rule, range: path.range, messageId: "sysctl",
        data: { path: path.raw, perms: f.perms.letters.has("w") ? "write" : "append" },
      });
    };
    return { FileRule: check };
  },
});
