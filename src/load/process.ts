/**
 * Finding and running apparmor_parser: an argument array, never a shell, always a timeout.
 *
 * The text goes to the compiler on its standard input, named on the command line as `/dev/stdin`. Two
 * reasons for that argument instead of a bare stdin: without a file argument apparmor_parser leaves the
 * file name out of its error lines ("AppArmor parser error at line 2: …"), so an error inside an included
 * file could not be told from one in the profile; and with it, every error names the file it is in. The
 * standard input is a private, already-unlinked temporary file rather than a pipe because Node's child
 * pipes are socket pairs, which the compiler cannot reopen through /dev/stdin (ENXIO).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { accessSync, closeSync, constants, mkdtempSync, openSync, rmdirSync, statSync, unlinkSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

/** Where distributions install the compiler; PATH is searched after these. */
export const DEFAULT_PARSER_LOCATIONS = ["/sbin/apparmor_parser", "/usr/sbin/apparmor_parser"];

/** Enough for a large profile set on a slow machine; upstream's own test harness allows 480 s per case. */
export const DEFAULT_TIMEOUT_MS = 120_000;

/** Warnings repeat once per profile and rule; beyond this the rest cannot change what is reported. */
const MAX_CAPTURE = 4 * 1024 * 1024;

export type ParserLookup =
  | { ok: true; path: string }
  | { ok: false; reason: "not-installed"; path: string | null; searched: string[] }
  | { ok: false; reason: "not-executable"; path: string; detail: string };

export interface LookupOptions {
  /** `--parser PATH`; a name without a slash is searched in PATH. */
  explicit?: string;
  /** The PATH to search; process.env.PATH by default. */
  searchPath?: string;
  /** Tried before PATH when nothing explicit is given. */
  defaultLocations?: readonly string[];
}

function executable(path: string): { ok: true } | { ok: false; exists: boolean; detail: string } {
  let st;
  try {
    st = statSync(path);
  } catch {
    return { ok: false, exists: false, detail: "no such file" };
  }
  if (!st.isFile()) return { ok: false, exists: true, detail: st.isDirectory() ? "is a directory" : "not a regular file" };
  try {
    accessSync(path, constants.X_OK);
    return { ok: true };
  } catch {
    return { ok: false, exists: true, detail: "not executable (no execute permission)" };
  }
}

export function findParser(options: LookupOptions = {}): ParserLookup {
  const pathDirs = (options.searchPath ?? process.env["PATH"] ?? "").split(delimiter).filter((d) => d !== "");
  if (options.explicit !== undefined && options.explicit.includes("/")) {
    const r = executable(options.explicit);
    if (r.ok) return { ok: true, path: options.explicit };
    if (r.exists) return { ok: false, reason: "not-executable", path: options.explicit, detail: r.detail };
    return { ok: false, reason: "not-installed", path: options.explicit, searched: [options.explicit] };
  }
  const name = options.explicit ?? "apparmor_parser";
  const candidates = [
    ...(options.explicit === undefined ? options.defaultLocations ?? DEFAULT_PARSER_LOCATIONS : []),
    ...pathDirs.map((d) => join(d, name)),
  ];
  let unusable: { path: string; detail: string } | null = null;
  for (const c of candidates) {
    const r = executable(c);
    if (r.ok) return { ok: true, path: c };
    if (r.exists && !unusable) unusable = { path: c, detail: r.detail };
  }
  if (unusable) return { ok: false, reason: "not-executable", ...unusable };
  return { ok: false, reason: "not-installed", path: options.explicit ?? null, searched: candidates };
}

export interface RunRequest {
  parser: string;
  args: readonly string[];
  /** Sent on standard input. */
  input: string;
  cwd: string;
  timeoutMs: number;
}

export type RunOutcome =
  | { kind: "exited"; code: number; stdout: string; stderr: string }
  | { kind: "signaled"; signal: string; stdout: string; stderr: string }
  | { kind: "timeout"; stdout: string; stderr: string }
  | { kind: "spawn-failed"; errno: string; message: string };

/** A file descriptor holding `text`, with no name left on disk (the child reads it as /dev/stdin). */
function anonymousFile(text: string): number {
  const dir = mkdtempSync(join(tmpdir(), "aaprof-load-"));
  const path = join(dir, "profile");
  const fd = openSync(path, "wx+", 0o600);
  try {
    const buf = Buffer.from(text, "utf8");
    let off = 0;
    // Positional writes leave the descriptor's offset at 0, where a reader of fd 0 itself would start.
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off, off);
  } catch (err) {
    closeSync(fd);
    throw err;
  } finally {
    unlinkSync(path);
    rmdirSync(dir);
  }
  return fd;
}

class Capture {
  private chunks: Buffer[] = [];
  private size = 0;

  add(chunk: Buffer): void {
    if (this.size >= MAX_CAPTURE) return;
    this.chunks.push(chunk.subarray(0, MAX_CAPTURE - this.size));
    this.size += chunk.length;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString("utf8");
  }
}

export function runParser(req: RunRequest): Promise<RunOutcome> {
  return new Promise((resolve) => {
    let fd: number;
    try {
      fd = anonymousFile(req.input);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      resolve({ kind: "spawn-failed", errno: e.code ?? "EIO", message: `cannot prepare the input: ${e.message}` });
      return;
    }
    const stdout = new Capture();
    const stderr = new Capture();
    let settled = false;
    const finish = (outcome: RunOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    let child: ChildProcess;
    try {
      child = spawn(req.parser, [...req.args], { cwd: req.cwd, stdio: [fd, "pipe", "pipe"], shell: false });
    } catch (err) {
      closeSync(fd);
      const e = err as NodeJS.ErrnoException;
      resolve({ kind: "spawn-failed", errno: e.code ?? "EIO", message: e.message });
      return;
    }
    closeSync(fd);
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      // A wrapper script's own children may keep the pipes open after it dies: do not wait for them.
      child.stdout?.destroy();
      child.stderr?.destroy();
      finish({ kind: "timeout", stdout: stdout.text(), stderr: stderr.text() });
    }, req.timeoutMs);
    child.stdout?.on("data", (c: Buffer) => stdout.add(c));
    child.stderr?.on("data", (c: Buffer) => stderr.add(c));
    child.on("error", (err: NodeJS.ErrnoException) => {
      finish({ kind: "spawn-failed", errno: err.code ?? "EIO", message: err.message });
    });
    child.on("close", (code, signal) => {
      if (signal) finish({ kind: "signaled", signal, stdout: stdout.text(), stderr: stderr.text() });
      else finish({ kind: "exited", code: code ?? 0, stdout: stdout.text(), stderr: stderr.text() });
    });
  });
}

/** The compiler's version ("3.0.8"), or null when it does not say. */
export async function parserVersion(parser: string, timeoutMs: number): Promise<string | null> {
  const out = await runParser({ parser, args: ["--version"], input: "", cwd: "/", timeoutMs });
  if (out.kind !== "exited") return null;
  return parseVersion(out.stdout + out.stderr);
}

export function parseVersion(text: string): string | null {
  return /\bversion\s+(\d+(?:\.\d+)+)/i.exec(text)?.[1] ?? null;
}

/** How the command line looks when shown to a person: quoted where a shell would need it. */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}
