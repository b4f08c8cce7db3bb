/**
 * Test helpers: check profile text held in memory, with optional extra files for includes.
 */
import { Checker } from "../src/project/checker.js";
import type { FileSystem } from "../src/project/workspace.js";
import type { Diagnostic } from "../src/diagnostics/diagnostic.js";
import { stripTrailingSlashes } from "../src/resolve/includes.js";

/** An in-memory file system: paths are absolute, directories are implied by the files under them. */
export function memoryFs(files: Record<string, string>): FileSystem {
  const enc = new TextEncoder();
  const norm = (p: string) => stripTrailingSlashes(p).replace(/\/\/+/g, "/");
  const paths = Object.keys(files).map(norm);
  return {
    readFile(p) {
      const key = Object.keys(files).find((k) => norm(k) === norm(p));
      if (key === undefined) throw Object.assign(new Error("ENOENT"), { code: "ENOENT" });
      return enc.encode(files[key]!);
    },
    kind(p) {
      const n = norm(p);
      if (paths.includes(n)) return "file";
      if (paths.some((f) => f.startsWith(n + "/"))) return "dir";
      return null;
    },
    readDir(p) {
      const n = norm(p) + "/";
      const names = new Set<string>();
      for (const f of paths) if (f.startsWith(n)) names.add(f.slice(n.length).split("/")[0]!);
      return [...names];
    },
  };
}

/**
 * Checks `text` as /work/profile.sd with include base /inc and cwd /work; `files` adds files
 * (absolute paths, e.g. "/inc/abstractions/base").
 */
export function check(text: string, files: Record<string, string> = {}): Diagnostic[] {
  const checker = new Checker({ cwd: "/work", includeDirs: ["/inc"], fs: memoryFs(files) });
  return checker.checkFile("/work/profile.sd", text).diagnostics;
}

/** The messages of the error diagnostics, for compact assertions. */
export function errors(text: string, files: Record<string, string> = {}): string[] {
  return check(text, files).filter((d) => d.severity === "error").map((d) => d.message);
}

/** True when apparmor_parser would accept the text, by aaprof's judgement. */
export function accepts(text: string, files: Record<string, string> = {}): boolean {
  return errors(text, files).length === 0;
}
