/**
 * Does a file rule reach a sensitive file? Asked with literal probe paths (see ./risk.ts) so that globs,
 * alternations and variables are all handled by the glob automaton, and so that deny rules can be
 * subtracted for exactly the file in question.
 */
import type { ResolvedProfile } from "../resolve/model.js";
import type { FileFacts, LintFacts } from "./facts.js";
import type { Probe } from "./risk.js";

export interface ProbeHit {
  probe: Probe;
  /** Permission letters (x for execute) granted on the probe path and not denied. */
  granted: string[];
}

/**
 * The probes an allow rule reaches with any of `letters` ("x" for execute), minus what the profile
 * denies on each probe path.
 */
export function probeHits(
  facts: LintFacts,
  f: FileFacts,
  profile: ResolvedProfile,
  probes: readonly Probe[],
  letters: readonly string[],
): ProbeHit[] {
  if (f.bare || !f.glob || f.prefix.mode !== "allow") return NO_HITS;
  const has = (l: string) => (l === "x" ? f.perms.exec !== null : f.perms.letters.has(l as never));
  if (!letters.some(has)) return NO_HITS;
  // Asked for every rule of every profile, and nearly always empty: nothing more is allocated until a probe
  // matches.
  let asked: string[] | null = null;
  let out: ProbeHit[] | null = null;
  for (const probe of probes) {
    if (facts.matches(f.glob, probe.path) !== true) continue;
    asked ??= letters.filter(has);
    const granted = asked.filter((l) => !facts.denied(profile, probe.path, l, f));
    if (granted.length) (out ??= []).push({ probe, granted });
  }
  return out ?? NO_HITS;
}

const NO_HITS: ProbeHit[] = [];

/** Distinct labels of hits, in probe order, at most four named. */
export function labels(hits: readonly ProbeHit[]): string {
  const all = [...new Set(hits.map((h) => h.probe.label))];
  return all.length <= 4 ? all.join(", ") : `${all.slice(0, 3).join(", ")} and ${all.length - 3} more`;
}

/**
 * True when file-no-global-write reports the rule (it writes everywhere): rules about particular
 * sensitive files then stay quiet rather than list every file of the system a second time.
 */
export function writesEverywhere(facts: LintFacts, f: FileFacts, profile: ResolvedProfile): boolean {
  if (!f.glob || f.prefix.mode !== "allow") return false;
  const everything = facts.glob("/*/**");
  if (!everything || facts.globs.includes(f.glob, everything) !== true) return false;
  for (const l of WRITE_LIKE) if (f.perms.letters.has(l) && !facts.deniedGlob(profile, f.glob, l, f)) return true;
  return false;
}

const WRITE_LIKE = ["w", "a", "l", "k"] as const;

/** Permission letters as words, for messages. */
export function permWords(letters: readonly string[]): string {
  const words: Record<string, string> = { r: "read", w: "write", a: "append", m: "map", l: "link", k: "lock", x: "execute" };
  return [...new Set(letters)].map((l) => words[l] ?? l).join(", ");
}
