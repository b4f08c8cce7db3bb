/**
 * AA3120 capability-no-dangerous: capabilities ranked as dangerous (ranking in ../risk.ts).
 */
import { CAPABILITY_RANK, CAPABILITY_REASON } from "../risk.js";
import { defineRule, type ResolvedProfile } from "../rule.js";
import { isAllow } from "../shapes.js";

export default defineRule<{ minRank: number }>({
  meta: {
    code: "AA3120",
    name: "capability-no-dangerous",
    category: "security",
    local: true,
    fixable: null,
    presets: {
      recommended: ["warning", { minRank: 10 }],
      strict: ["error", { minRank: 9 }],
      "apparmor.d": ["warning", { minRank: 10 }],
      container: ["error", { minRank: 9 }],
    },
    options: {
      minRank: {
        type: "integer", minimum: 0, maximum: 10, default: 10,
        description: "report capabilities ranked at least this high (0-10; see `aaprof explain capability-no-dangerous`)",
      },
    },
    messages: {
      dangerous: "capability {{name}} (risk {{rank}}/10): {{reason}}",
    },
    help: "check whether the program needs it at all; many daemons only need it before they drop privileges, or only a narrower capability",
    docs: {
      summary: "Dangerous capabilities",
      what:
        "Reports allow rules granting a capability ranked at or above `minRank` (10 in `recommended`, 9 in " +
        "`strict` and `container`). The ranking starts from upstream AppArmor's severity.db, raising bpf, " +
        "sys_boot, dac_read_search and perfmon. Rank 10: sys_admin, sys_module, sys_rawio, sys_ptrace, " +
        "mac_admin, mac_override, bpf, sys_boot. Rank 9: dac_override, dac_read_search, setuid, setgid, " +
        "setpcap, setfcap, chown, fowner, fsetid, mknod, linux_immutable, sys_chroot, checkpoint_restore, " +
        "perfmon, net_admin.",
      why:
        "Capabilities are checked before AppArmor's file rules come into play for many operations: with " +
        "sys_module the process loads kernel code; with sys_admin it mounts, creates namespaces and changes " +
        "system-wide settings; with dac_read_search it reads any file by handle.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile diskd /usr/sbin/diskd {
  capability sys_admin,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile diskd /usr/sbin/diskd {
  capability sys_resource,
}
`,
      exceptions: "Capabilities the profile also denies are not reported. Bare `capability,` is reported by capability-no-allow-all.",
    },
  },
  create(ctx) {
    const minRank = ctx.options.minRank;
    /** Capabilities each profile denies; null when it denies them all. Found once per profile. */
    const deniedBy = new Map<ResolvedProfile, Set<string> | null>();
    const deniedIn = (profile: ResolvedProfile): Set<string> | null => {
      if (deniedBy.has(profile)) return deniedBy.get(profile)!;
      let denied: Set<string> | null = new Set<string>();
      for (const r of profile.rules) {
        if (!r.live || r.node.type !== "CapabilityRule" || isAllow(r)) continue;
        if (r.node.names.length === 0) {
          denied = null;
          break;
        }
        for (const w of r.node.names) denied.add(w.value.toLowerCase());
      }
      deniedBy.set(profile, denied);
      return denied;
    };
    return {
      CapabilityRule(rule, profile) {
        if (!isAllow(rule)) return;
        const denied = deniedIn(profile);
        if (!denied) return;
        for (const w of rule.node.names) {
          const name = w.value.toLowerCase();
          const rank = CAPABILITY_RANK[name];
          if (rank === undefined || rank < minRank || denied.has(name)) continue;
          ctx.report({
            origin: rule, range: w.range, messageId: "dangerous",
            data: { name, rank, reason: CAPABILITY_REASON[name] ?? "it is ranked as dangerous" },
          });
        }
      },
    };
  },
});
