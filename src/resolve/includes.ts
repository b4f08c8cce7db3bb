/**
 * Where an include (or abi) directive points, the way apparmor_parser looks it up:
 * - `<name>` is searched in the include bases in order; the first existing file or directory wins;
 * - `"name"` and bare names are opened as written: absolute, or relative to the working directory
 *   (not to the including file);
 * - a directory stands for the regular files directly in it, minus the names the tools ignore.
 */
import { isAbsolute, join } from "node:path";
import type { FileSystem } from "../project/workspace.js";

/**
 * `s` without trailing slashes. Not a regular expression: /\/+$/ backtracks quadratically on a long run of
 * slashes that is not at the end, which a hostile include path can supply.
 */
export function stripTrailingSlashes(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 47) end--;
  return s.slice(0, end);
}

/** apparmor_parser's base directory, which it searches after any -I directories. */
export const SYSTEM_INCLUDE_BASE = "/etc/apparmor.d";

export type IncludeTarget =
  | { kind: "file"; path: string; key: string }
  | { kind: "dir"; path: string; key: string }
  | { kind: "missing"; name: string }
  | { kind: "unreadable"; path: string; key: string };

/** Suffixes of package-manager and editor leftovers (libapparmor `_aa_is_blacklisted`). */
const IGNORED_SUFFIXES = [
  ".dpkg-new", ".dpkg-old", ".dpkg-dist", ".dpkg-bak", ".dpkg-remove", ".pacsave", ".pacnew",
  ".rpmnew", ".rpmsave", ".orig", ".rej", "~",
];

/**
 * True for directory entries apparmor_parser skips: dot files, README, and package or editor leftovers.
 * Upstream tests only the first occurrence of each suffix, so `x.rej.rej` is not skipped; that is kept.
 */
export function isIgnoredName(name: string): boolean {
  if (name === "" || name.startsWith(".") || name === "README") return true;
  return IGNORED_SUFFIXES.some((sfx) => {
    const at = name.indexOf(sfx);
    return at !== -1 && at + sfx.length === name.length;
  });
}

export function locate(
  fs: FileSystem,
  name: string,
  magic: boolean,
  includeDirs: readonly string[],
  cwd: string,
): IncludeTarget {
  if (magic) {
    for (const dir of includeDirs) {
      const candidate = `${stripTrailingSlashes(dir)}/${name}`;
      const kind = fs.kind(candidate);
      if (kind === "file") return { kind: "file", path: candidate, key: candidate };
      if (kind === "dir") return { kind: "dir", path: candidate, key: candidate };
      if (kind === "other") return { kind: "unreadable", path: candidate, key: candidate };
    }
    return { kind: "missing", name };
  }
  // Upstream opens the name as given: fopen("") fails. Joined to the working directory it would name the
  // directory itself, and include every file in it.
  if (name === "") return { kind: "missing", name };
  const path = isAbsolute(name) ? name : join(cwd, name);
  const kind = fs.kind(path);
  if (kind === "file") return { kind: "file", path, key: name };
  if (kind === "dir") return { kind: "dir", path, key: name };
  if (kind === "other") return { kind: "unreadable", path, key: name };
  return { kind: "missing", name };
}

/**
 * The files a directory include brings in, in the order the compiler reads them. Upstream pushes each file
 * on the scanner's buffer stack while listing the directory alphabetically, so they are read in reverse.
 */
export function directoryEntries(fs: FileSystem, dir: string): { path: string; key: string }[] {
  let names: string[];
  try {
    names = fs.readDir(dir);
  } catch {
    return [];
  }
  const out: { path: string; key: string }[] = [];
  for (const name of [...names].sort().reverse()) {
    if (isIgnoredName(name)) continue;
    const path = `${stripTrailingSlashes(dir)}/${name}`;
    if (fs.kind(path) !== "file") continue;
    out.push({ path, key: `${dir}/${name}` });
  }
  return out;
}
