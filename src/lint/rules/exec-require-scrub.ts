/**
 * AA3204 exec-require-scrub: an unscrubbed transition (`px`, `cx`, `unsafe Px` …) into a more privileged
 * profile.
 */
import type { ResolvedProfile } from "../../resolve/model.js";
import type { LintFacts } from "../facts.js";
import { CAPABILITY_RANK } from "../risk.js";
import { defineRule } from "../rule.js";
import { isAllow } from "../shapes.js";

/** Capability names a profile grants ("*" for bare `capability,`), and whether it is unconfined. */
function privileges(p: ResolvedProfile): { caps: Set<string>; unconfined: boolean; everything: boolean } {
  const caps = new Set<string>();
  let everything = false;
  for (const r of p.rules) {
    if (!r.live || !isAllow(r)) continue;
    if (r.node.type === "CapabilityRule") {
      if (r.node.names.length === 0) caps.add("*");
      for (const w of r.node.names) caps.add(w.value.toLowerCase());
    } else if (r.node.type === "AllRule" || (r.node.type === "FileRule" && r.node.bare)) {
      everything = true;
    }
  }
  const unconfined = Boolean(p.node.flags?.values.some((v) => ["unconfined", "default_allow"].includes(v.value)));
  return { caps, unconfined, everything };
}

/** What the target may do that the source may not, as a phrase; null when it is not more privileged. */
export function morePrivileged(target: ResolvedProfile, source: ResolvedProfile): string | null {
  const t = privileges(target);
  const s = privileges(source);
  if (s.unconfined) return null;
  if (t.unconfined) return "is unconfined";
  if (t.everything && !s.everything) return "allows everything (`all,` or `file,`)";
  if (t.caps.has("*") && !s.caps.has("*")) return "has every capability";
  if (s.caps.has("*")) return null;
  const extra = [...t.caps].filter((c) => !s.caps.has(c) && (CAPABILITY_RANK[c] ?? 0) >= 9).sort();
  return extra.length ? `has capabilities this profile lacks (${extra.join(", ")})` : null;
}

function allProfiles(ps: readonly ResolvedProfile[]): ResolvedProfile[] {
  return ps.flatMap((p) => [p, ...allProfiles(p.children)]);
}

function hierarchicalName(p: ResolvedProfile): string {
  return p.parent ? `${hierarchicalName(p.parent)}//${p.node.name.value}` : p.node.name.value;
}

/** The profile a transition lands in, when the program defines it. */
function findTarget(facts: LintFacts, kind: "p" | "c", target: string | null, path: string | null, source: ResolvedProfile, roots: readonly ResolvedProfile[]): ResolvedProfile | undefined {
  const candidates = kind === "c" ? source.children : allProfiles(roots);
  if (target !== null) {
    const name = kind === "c" ? target.replace(/^.*\/\//, "") : target;
    return candidates.find((p) => (kind === "c" ? p.node.name.value : hierarchicalName(p)) === name);
  }
  const pathGlob = facts.glob(path);
  if (!pathGlob) return undefined;
  return candidates.find((p) => {
    const word = p.node.attachment ?? (p.node.name.value.startsWith("/") ? p.node.name : null);
    if (word === null) return false;
    const g = facts.glob(facts.expand(word, p));
    return g !== null && facts.globs.overlaps(g, pathGlob).answer === true;
  });
}

export default defineRule({
  meta: {
    code: "AA3204",
    name: "exec-require-scrub",
    category: "security",
    fixable: "suggestion",
    presets: { recommended: "warning", strict: "error", "apparmor.d": "warning", container: "error" },
    messages: {
      unscrubbed: "`{{perms}}` enters profile {{target}}, which {{why}}, without scrubbing the environment",
    },
    help: "use the upper-case mode (`Px`, `Cx`), which sets AT_SECURE so the dynamic loader ignores LD_PRELOAD and similar variables",
    docs: {
      summary: "Unscrubbed transitions into more privileged profiles",
      what:
        "Reports allow exec rules with a lower-case profile transition (`px`, `cx`, `pix`, `cix`, or `unsafe`) " +
        "whose target profile is defined in the same compilation and is more privileged than the current " +
        "one: unconfined, allowed everything, or holding capabilities (rank 9 and above) the current profile " +
        "does not have.",
      why:
        "Without scrubbing, the calling program controls the environment of the more privileged one: " +
        "LD_PRELOAD, LD_LIBRARY_PATH and interpreter variables make it load code of the caller's choosing, " +
        "which then runs with the target's privileges.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile frontend /usr/bin/frontend {
  /usr/sbin/helper px,
}

profile helper /usr/sbin/helper {
  capability sys_admin,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile frontend /usr/bin/frontend {
  /usr/sbin/helper Px,
}

profile helper /usr/sbin/helper {
  capability sys_admin,
}
`,
      exceptions: "Targets defined in other files are not judged: the rule cannot see what they grant.",
    },
  },
  create(ctx) {
    return {
      FileRule(rule, profile) {
        const f = ctx.facts.file(rule, profile);
        const exec = f?.perms.exec;
        if (!f || f.prefix.mode !== "allow" || !exec || exec.scrub || (exec.kind !== "p" && exec.kind !== "c")) return;
        const found = findTarget(ctx.facts, exec.kind, f.target, f.path, profile, ctx.program.profiles);
        if (!found || found === profile) return;
        const why = morePrivileged(found, profile);
        if (!why) return;
        const word = rule.node.permissions!;
        const upper = word.raw.replace(/([pc])([iu]?)x/, (_: string, a: string, b: string) => a.toUpperCase() + (b === "u" ? "U" : b) + "x");
        const suggest = [];
        if (rule.node.safety === "unsafe" && rule.node.safetyRange) {
          const r = rule.node.safetyRange;
          suggest.push({ description: "scrub the environment: `safe`", edits: [{ start: r.start.offset, end: r.end.offset, text: "safe" }] });
        } else if (upper !== word.raw) {
          suggest.push({ description: `scrub the environment: \`${upper}\``, edits: [{ start: word.range.start.offset, end: word.range.end.offset, text: upper }] });
        }
        ctx.report({
          origin: rule, range: word.range, messageId: "unscrubbed",
          data: { perms: word.raw, target: found.node.name.value, why }, suggest,
        });
      },
    };
  },
});
