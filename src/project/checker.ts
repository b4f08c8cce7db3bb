/**
 * `aaprof check` as a library: parse → resolve → check for each file of a run, sharing one Workspace so
 * that included files are read and parsed once.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { nodeFileSystem, Workspace, type FileSystem } from "./workspace.js";

export interface CheckOptions {
  /** Bases for `include <…>` and `abi <…>`, searched in order (apparmor_parser -I). */
  includeDirs: string[];
  /** Base for relative `include "…"`; upstream resolves them against its working directory. */
  cwd: string;
  fs?: FileSystem;
}

export interface FileReport {
  filePath: string;
  diagnostics: Diagnostic[];
}

export class Checker {
  readonly workspace: Workspace;

  constructor(readonly options: CheckOptions) {
    this.workspace = new Workspace(options.fs ?? nodeFileSystem);
  }

  /** Checks one file; `text` replaces its contents (stdin, or a conformance case held in memory). */
  checkFile(filePath: string, text?: string): FileReport {
    const loaded = this.workspace.load(filePath, text);
    if (!loaded.ok) return { filePath, diagnostics: [loaded.diagnostic] };
    return { filePath, diagnostics: [...loaded.parsed.diagnostics] };
  }
}
