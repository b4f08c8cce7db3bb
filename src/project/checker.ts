/**
 * `aaprof check` as a library: parse → resolve → check for each file of a run, sharing one Workspace so
 * that included files are read and parsed once.
 */
import { RuleCheckMemo, runChecks } from "../check/run.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Program } from "../resolve/model.js";
import { Resolver } from "../resolve/resolve.js";
import { nodeFileSystem, Workspace, type FileSystem } from "./workspace.js";

export interface CheckOptions {
  /** Bases for `include <…>` and `abi <…>`, searched in order (apparmor_parser -I). */
  includeDirs: string[];
  /** Base for relative `include "…"`; upstream resolves them against its working directory. */
  cwd: string;
  fs?: FileSystem;
  /** How to treat files meant to be included; see ResolveOptions. */
  fragments?: "auto" | "never";
  /** Directories includes must stay inside; see ResolveOptions. */
  includeRoots?: readonly string[];
  /** Share parsed files with other checkers of the same run (the linter has one per set of include bases). */
  workspace?: Workspace;
}

export interface FileReport {
  filePath: string;
  diagnostics: Diagnostic[];
  /** The resolved program, when the file could be read. */
  program?: Program;
  /** The text that was checked, when the file could be read. */
  text?: string;
  /** The resolver that built `program`: its symbol table expands the program's words. */
  resolver?: Resolver;
}

export class Checker {
  readonly workspace: Workspace;
  /** Rule-check verdicts on included files, shared by every file of the run. */
  private readonly memo = new RuleCheckMemo();

  constructor(readonly options: CheckOptions) {
    this.workspace = options.workspace ?? new Workspace(options.fs ?? nodeFileSystem);
  }

  /** Checks one file; `text` replaces its contents (stdin, or a conformance case held in memory). */
  checkFile(filePath: string, text?: string): FileReport {
    const loaded = this.workspace.load(filePath, text, { keep: false });
    if (!loaded.ok) return { filePath, diagnostics: [loaded.diagnostic] };
    const resolver = new Resolver(this.workspace, this.options);
    const program = resolver.resolve(loaded);
    const diagnostics = [...loaded.parsed.diagnostics, ...program.diagnostics, ...runChecks(program, resolver, undefined, this.memo)];
    return { filePath, diagnostics, program, text: loaded.text, resolver };
  }
}
