/**
 * What every command shares: include bases, stdin, output, and the shape of an internal error.
 */
import { readFileSync, realpathSync, statSync, writeSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { InvalidArgumentError, type Command } from "commander";
import { internalErrorDiagnostic, ioErrorDiagnostic } from "../diagnostics/diagnostic.js";
import type { Workspace } from "../project/workspace.js";
import { SYSTEM_INCLUDE_BASE } from "../resolve/includes.js";

/**
 * Include bases in apparmor_parser's order: `-I` bases as given, then each directory argument (a profile
 * tree includes from itself), then the system base /etc/apparmor.d, which the compiler always searches last.
 */
export function includeBases(paths: readonly string[], include: readonly string[]): string[] {
  const dirs = [...include];
  for (const p of paths) {
    try {
      if (p !== "-" && statSync(p).isDirectory() && !dirs.includes(p)) dirs.push(p);
    } catch {
      // Reported when the path is read.
    }
  }
  if (!dirs.includes(SYSTEM_INCLUDE_BASE)) dirs.push(SYSTEM_INCLUDE_BASE);
  return dirs;
}

/** What a command needs from the shell around it. */
export interface CommandContext {
  io: Io;
  /** The process exit status: 0 clean, 1 problems found, 2 usage or internal error. */
  setExitCode(code: number): void;
  /** The CLI's entry module, which worker threads run; absent in-process (tests), where runs stay on one thread. */
  workerScript?: string;
}

/** Commander option collector for repeatable options such as -I. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Where a command reads and writes; tests pass their own. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  stdin(): string;
}

export const processIo: Io = {
  out: writeOut,
  err: (text) => process.stderr.write(text),
  stdin: readStdin,
};

/**
 * Where includes may come from by default: the include bases, the working directory, and the folders of the
 * files and directories being checked. A profile under review cannot make aaprof read other files.
 */
export function includeRoots(paths: readonly string[], bases: readonly string[], cwd: string): string[] {
  const dirs = new Set<string>([...bases, cwd]);
  for (const p of paths) {
    if (p === "-") continue;
    try {
      dirs.add(statSync(p).isDirectory() ? p : dirname(p));
    } catch {
      // Reported when the path is read.
    }
  }
  const roots: string[] = [];
  for (const d of dirs) {
    try {
      roots.push(realpathSync(resolve(cwd, d)));
    } catch {
      // A base that does not exist holds nothing to include.
    }
  }
  return roots;
}

export function readStdin(): string {
  try {
    return readFileSync(0, "utf8");
  } catch {
    return "";
  }
}

/** Synchronous, complete write: a CLI that exits right after must not lose piped output. */
export function writeOut(text: string): void {
  const buf = Buffer.from(text);
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(1, buf, off);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "EAGAIN") continue;
      if ((err as NodeJS.ErrnoException).code === "EPIPE") return;
      throw err;
    }
  }
}

export const internalError = internalErrorDiagnostic;
export const ioError = ioErrorDiagnostic;

/** The text of a file for code frames: as the workspace read it, else from disk. */
export function sourceText(workspace: Workspace, path: string): string | undefined {
  const loaded = workspace.peek(path);
  if (loaded?.ok) return loaded.text;
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** A commander parser for whole-number options of at least `min`. */
export function wholeNumber(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`expected a whole number, ${min} or more`);
    return n;
  };
}

/** What treeRunOptions adds, as commander hands it to the action. */
export interface TreeRunCliOptions {
  workers?: number;
  cache?: boolean;
  cacheLocation?: string;
  baseline?: string;
  updateBaseline?: boolean;
}

/** The options of a whole-tree run that `check` and `lint` both take: workers, cache and baseline. */
export function treeRunOptions(command: Command): Command {
  return command
    .option("--workers <n>", "worker threads for large trees (default: one per core for 2 MB of input or more)", wholeNumber(1))
    .option("--cache", "reuse results for files that did not change since the last run (and nothing they include did)")
    .option("--cache-location <file>", "where the cache lives", ".aaprofcache")
    .option("--baseline <file>", "report only problems not recorded in FILE (written with today's problems if missing)")
    .option("--update-baseline", "rewrite the --baseline file with today's problems");
}
