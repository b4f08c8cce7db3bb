/**
 * The profiles a directory declares, by the names a pod references them with, and the explanations for a
 * name that matches none: a file name or path written instead of the profile name, an attachment path,
 * or a near miss.
 */
import { basename, relative, resolve } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { allProfiles, type DeclaredProfile } from "../emit/names.js";
import { Checker } from "../project/checker.js";
import type { FileSystem } from "../project/workspace.js";
import { finding, nearest } from "./findings.js";

export interface ProfileFile {
  path: string;
  names: string[];
  /** False when the compiler rejects the file: none of its profiles loads. */
  compiles: boolean;
}

export interface ProfileIndex {
  byName: Map<string, DeclaredProfile[]>;
  /** Whether the first file that declares a name compiles. */
  compiles: Map<string, boolean>;
  files: ProfileFile[];
  /** Duplicate declarations, reported on the profile files. */
  diagnostics: Diagnostic[];
  checker: Checker;
}

export interface IndexOptions {
  includeDirs: string[];
  cwd: string;
  fs?: FileSystem;
}

/** Indexes the given profile files (a directory already expanded by the caller). */
export function indexProfiles(files: readonly string[], options: IndexOptions): ProfileIndex {
  const checker = new Checker({ includeDirs: options.includeDirs, cwd: options.cwd, fs: options.fs, fragments: "auto" });
  const byName = new Map<string, DeclaredProfile[]>();
  const compilesByName = new Map<string, boolean>();
  const indexed: ProfileFile[] = [];
  // A profile reached both as its own file and through another file's include is one declaration.
  const seen = new Set<string>();
  for (const path of files) {
    const report = checker.checkFile(path);
    if (!report.program) continue;
    const compiles = !report.diagnostics.some((d) => d.severity === "error");
    const names: string[] = [];
    for (const d of allProfiles(report.program)) {
      names.push(d.name);
      if (!compilesByName.has(d.name)) compilesByName.set(d.name, compiles);
      const id = `${d.file}\0${d.range.start.offset}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const list = byName.get(d.name) ?? [];
      list.push(d);
      byName.set(d.name, list);
    }
    if (names.length) indexed.push({ path, names, compiles });
  }
  const diagnostics: Diagnostic[] = [];
  for (const [name, list] of byName) {
    const first = list[0]!;
    for (const other of list.slice(1)) {
      diagnostics.push(finding("profileDuplicate", other.file, other.range,
        `profile ${name} is also declared in ${first.file}:${first.range.start.line}: whichever file is loaded last replaces the other`,
        { help: "give each profile its own name" }));
    }
  }
  return { byName, compiles: compilesByName, files: indexed, diagnostics, checker };
}

/** Why `name` matches no declared profile and what to write instead, as a help line. */
export function explainUnknown(index: ProfileIndex, name: string, cwd: string): string {
  const fileHit = index.files.find((f) => {
    const abs = resolve(cwd, f.path);
    return name === f.path || name === abs || name === relative(cwd, abs) || name === basename(f.path)
      || (name.includes("/") && basename(name) === basename(f.path));
  });
  if (fileHit) {
    const names = fileHit.names.filter((n) => !n.includes("//"));
    const what = name.includes("/") ? "a path to the file" : "the file name";
    return `${JSON.stringify(name)} is ${what} ${fileHit.path}; reference the profile it declares by its name: ${names.map((n) => `localhost/${n}`).join(", ")}`;
  }
  for (const [profileName, list] of index.byName) {
    if (list.some((d) => d.attachment === name)) {
      return `${name} is the attachment path of profile ${profileName}; the kernel knows the profile by its name: localhost/${profileName}`;
    }
  }
  const near = nearest(name, index.byName.keys());
  if (near) return `did you mean ${near}?`;
  const some = [...index.byName.keys()].filter((n) => !n.includes("//")).slice(0, 5);
  return some.length ? `declared profiles include: ${some.join(", ")}` : "the profile directory declares no profile";
}
