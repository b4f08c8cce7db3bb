/**
 * The name a profile is loaded under, which is what a pod must reference. It comes from the declaration:
 * `profile NAME`, or the path of a profile declared by its path alone (`/usr/bin/foo { … }`). Never from
 * the file name: `/etc/apparmor.d/usr.sbin.foo` usually declares `/usr/sbin/foo` or a short name.
 */
import type { Range } from "../ast/nodes.js";
import type { Program, ResolvedProfile } from "../resolve/model.js";
import { SymbolTable } from "../resolve/variables.js";

export interface DeclaredProfile {
  /** The name the kernel lists, e.g. in /sys/kernel/security/apparmor/profiles. */
  name: string;
  /** Where the name is written. */
  file: string;
  range: Range;
  /** The attachment path when it differs from the name (`profile foo /usr/bin/foo`). */
  attachment: string | null;
  flags: string[];
  profile: ResolvedProfile;
  /** Hats and child profiles, each loaded as `parent//child`. */
  nested: boolean;
}

/**
 * The top-level profiles a file declares (and those its top-level includes bring in), in source order.
 * Profiles in branches that are not taken are not compiled, so they are not loaded either.
 */
export function topLevelProfiles(program: Program): DeclaredProfile[] {
  const symbols = symbolTable(program);
  return program.profiles
    .filter((p) => p.live && !p.fragment)
    .map((p) => describe(p, expandName(symbols, p.node.name.value), false));
}

/** Every profile a file loads: the top-level ones and, under `parent//child`, their hats and children. */
export function allProfiles(program: Program): DeclaredProfile[] {
  const out: DeclaredProfile[] = [];
  const walk = (d: DeclaredProfile) => {
    out.push(d);
    for (const c of d.profile.children) {
      if (c.live) walk(describe(c, `${d.name}//${c.node.name.value}`, true));
    }
  };
  for (const d of topLevelProfiles(program)) walk(d);
  return out;
}

function describe(p: ResolvedProfile, name: string, nested: boolean): DeclaredProfile {
  return {
    name,
    file: p.file,
    range: p.node.name.range,
    attachment: p.node.attachment?.value ?? null,
    flags: (p.node.flags?.values ?? []).map((w) => w.value),
    profile: p,
    nested,
  };
}

/** The program's set variables, for expanding names and paths outside the checks. */
export function symbolTable(program: Program): SymbolTable {
  const t = new SymbolTable();
  for (const [name, v] of program.variables) t.set(name, { kind: "set", values: v.values });
  return t;
}

/** A name written with a variable is loaded under the variable's value; keep it as written if that fails. */
function expandName(symbols: SymbolTable, name: string): string {
  if (!name.includes("@{")) return name;
  try {
    const v = symbols.expand(name);
    return /[{}]/.test(v) && !/[{}]/.test(name.replace(/@\{[^}]*\}/g, "")) ? name : v;
  } catch {
    return name;
  }
}

/** Flags that make a profile log instead of block, with what that means for a workload. */
export const NON_ENFORCING_FLAGS: Record<string, string> = {
  complain: "is in complain mode: violations are logged, not blocked",
  unconfined: "has the `unconfined` flag: it confines nothing",
};
