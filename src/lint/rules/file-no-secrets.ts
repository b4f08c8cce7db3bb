/**
 * AA3301 file-no-secrets: access to password hashes, sudo policy, private keys and root's home.
 */
import type { ResolvedProfile, ResolvedRule } from "../../resolve/model.js";
import { labels, permWords, probeHits, writesEverywhere } from "../probes.js";
import { SECRET_PROBES } from "../risk.js";
import { defineRule } from "../rule.js";

export default defineRule({
  meta: {
    code: "AA3301",
    name: "file-no-secrets",
    category: "security",
    local: true,
    fixable: null,
    presets: { recommended: "warning", strict: "error", "apparmor.d": "warning", container: "error" },
    messages: {
      secret: "`{{path}}` grants {{perms}} access to {{what}}",
    },
    help: "narrow the path so it does not reach the secret, or add a deny rule for it (`include <abstractions/private-files-strict>` denies the usual ones)",
    docs: {
      summary: "Access to secrets",
      what:
        "Reports allow rules whose path reaches /etc/shadow, /etc/gshadow, /etc/sudoers*, SSH host keys, " +
        "users' and root's SSH and GnuPG private keys (`@{HOME}/.ssh/**`), directly or through a glob " +
        "(`/etc/*`, `@{HOME}/**`), unless a deny rule of the profile takes the access back for that file.",
      why:
        "These files are what an attacker looks for first: password hashes to crack, keys to move to other " +
        "machines, sudo policy to change. A profile is often the only thing between a compromised network " +
        "service and them.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile sync /usr/bin/sync-tool {
  owner @{HOME}/** r,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile sync /usr/bin/sync-tool {
  owner @{HOME}/** r,
  deny @{HOME}/.ssh/** rw,
  deny @{HOME}/.gnupg/** rw,
}
`,
      exceptions:
        "Programs whose job is authentication (login, su, sshd, passwd) need some of these files: suppress " +
        "the finding there with a reason. Bare `file,` is reported by file-no-allow-all, and rules that " +
        "write every file by file-no-global-write, instead.",
    },
  },
  create(ctx) {
    const check = (rule: ResolvedRule, profile: ResolvedProfile) => {
      const f = ctx.facts.file(rule, profile);
      if (!f || writesEverywhere(ctx.facts, f, profile)) return;
      const hits = probeHits(ctx.facts, f, profile, SECRET_PROBES, ["r", "w", "a", "l", "k", "m", "x"]);
      if (!hits.length) return;
      const path = f.node.path!;
      ctx.report({
        origin: rule, range: path.range, messageId: "secret",
        data: { path: path.raw, perms: permWords(hits.flatMap((h) => h.granted)), what: labels(hits) },
      });
    };
    return { FileRule: check, LinkRule: check };
  },
});
