/**
 * PATH arguments → the files to process, in a deterministic order: files as given, directories walked
 * depth-first in byte order, skipping what apparmor_parser skips.
 */
import { readdirSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { isIgnoredName } from "../resolve/includes.js";

/** Directories that hold no profile text: kernel feature ABIs, compiled caches, enable/disable links. */
const SKIPPED_DIRS = new Set(["abi", "cache", "cache.d", "disable", "force-complain"]);

export interface InputFile {
  path: string;
  /** The tree it was found in: the directory given, or the file's own directory. */
  root: string;
}

export interface InputError {
  path: string;
  message: string;
}

export function expandInputs(paths: readonly string[]): { files: InputFile[]; errors: InputError[] } {
  const files: InputFile[] = [];
  const errors: InputError[] = [];
  const seen = new Set<string>();
  let root = ".";
  const add = (path: string) => {
    if (!seen.has(path)) {
      seen.add(path);
      files.push({ path, root });
    }
  };
  const walk = (dir: string, depth: number) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (err) {
      errors.push({ path: dir, message: `cannot read directory: ${describeIo(err)}` });
      return;
    }
    for (const name of names) {
      if (isIgnoredName(name)) continue;
      const p = join(dir, name);
      let kind: "file" | "dir" | "other";
      try {
        const st = statSync(p);
        kind = st.isFile() ? "file" : st.isDirectory() ? "dir" : "other";
      } catch (err) {
        errors.push({ path: p, message: `cannot read: ${describeIo(err)}` });
        continue;
      }
      if (kind === "dir") {
        // Symlinked or very deep trees must not loop.
        if (!SKIPPED_DIRS.has(name) && depth < 32) walk(p, depth + 1);
      } else if (kind === "file") add(p);
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (err) {
      errors.push({ path: p, message: `cannot read: ${describeIo(err)}` });
      continue;
    }
    if (st.isDirectory()) {
      // Named or walked into, these hold no profile text: `aaprof check tree/*` means what `aaprof check tree` does.
      if (SKIPPED_DIRS.has(basename(resolve(p)))) continue;
      root = p;
      walk(p, 0);
    } else {
      root = dirname(p);
      add(p);
    }
  }
  return { files, errors };
}

export function describeIo(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case "ENOENT": return "no such file or directory";
    case "EACCES": case "EPERM": return "permission denied";
    case "ELOOP": return "too many levels of symbolic links";
    case "ENOTDIR": return "not a directory";
    default: return e.message ?? String(err);
  }
}
