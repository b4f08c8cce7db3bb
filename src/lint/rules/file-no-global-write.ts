/**
 * AA3101 file-no-global-write: write, append, link or lock on (nearly) every path.
 */
import type { FileFacts } from "../facts.js";
import { defineRule, type RuleContext } from "../rule.js";
import type { ResolvedProfile, ResolvedRule } from "../../resolve/model.js";

/** A path glob that includes this one covers every file at depth two and below: the whole file system. */
const EVERYTHING = "/*/**";

export const WRITE_LETTERS = [
  ["w", "write"], ["a", "append"], ["l", "link"], ["k", "lock"],
] as const;

/** The write-like permissions a rule grants on its whole path that no deny rule of the profile takes back. */
export function writeGrants(ctx: RuleContext, f: FileFacts, profile: ResolvedProfile): string[] {
  const out: string[] = [];
  for (const [letter, word] of WRITE_LETTERS) {
    if (!f.perms.letters.has(letter)) continue;
    if (f.glob && ctx.facts.deniedGlob(profile, f.glob, letter, f)) continue;
    out.push(word);
  }
  return out;
}

export default defineRule({
  meta: {
    code: "AA3101",
    name: "file-no-global-write",
    category: "security",
    local: true,
    fixable: null,
    presets: { recommended: "error", strict: "error", "apparmor.d": "error", container: "error" },
    messages: {
      global: "`{{path}}` grants {{perms}} access to every file on the system",
    },
    help: "grant writes only on the directories the program owns (its state, cache and runtime directories)",
    docs: {
      summary: "Write access to every file",
      what:
        "Reports allow rules whose path matches every file of the file system (`/**`, `/{,**}`, `/*/**` and " +
        "anything that includes them, after variable expansion) with write, append, link or lock permission " +
        "that no deny rule of the profile takes back.",
      why:
        "A process that may write everywhere can replace binaries, libraries, its own profile and the " +
        "configuration of every service: confinement is reduced to the capabilities and network rules.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile backup /usr/bin/backup {
  /** rw,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile backup /usr/bin/backup {
  /** r,
  owner /var/backups/** rw,
}
`,
      exceptions:
        "Bare `file,` is reported by file-no-allow-all instead. Deny rules are never reported: " +
        "`deny /** w,` is the usual way to forbid writing.",
    },
  },
  create(ctx) {
    const everything = ctx.facts.glob(EVERYTHING);
    const check = (rule: ResolvedRule, profile: ResolvedProfile) => {
      const f = ctx.facts.file(rule, profile);
      if (!f || f.bare || f.prefix.mode !== "allow" || !f.glob || !everything) return;
      if (!WRITE_LETTERS.some(([l]) => f.perms.letters.has(l))) return;
      if (ctx.facts.globs.includes(f.glob, everything) !== true) return;
      const perms = writeGrants(ctx, f, profile);
      if (!perms.length) return;
      const path = f.node.path!;
      ctx.report({ origin: rule, range: path.range, messageId: "global", data: { path: path.raw, perms: perms.join(", ") } });
    };
    return { FileRule: check, LinkRule: check };
  },
});
