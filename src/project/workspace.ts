/**
 * The files of one run: read once, decoded once, parsed once, and shared by every profile that includes
 * them. Also the one place that touches the file system, so tests can run on virtual files.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { parse, type ParseResult } from "../ast/parse.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { decodeProfile } from "../source/source.js";

export interface FileSystem {
  readFile(path: string): Uint8Array;
  /** "file", "dir", or null when the path does not exist. */
  kind(path: string): "file" | "dir" | "other" | null;
  readDir(path: string): string[];
  /** The path with symbolic links resolved, when the file system has them. */
  realpath?(path: string): string;
}

export const nodeFileSystem: FileSystem = {
  readFile: (path) => readFileSync(path),
  kind(path) {
    try {
      const s = statSync(path);
      return s.isFile() ? "file" : s.isDirectory() ? "dir" : "other";
    } catch (err) {
      // A path that exists but cannot be followed (a symlink loop, a forbidden directory on the way) is not
      // "missing": saying so would send the user looking for the wrong problem.
      const code = (err as NodeJS.ErrnoException).code;
      return code === "ENOENT" || code === "ENOTDIR" ? null : "other";
    }
  },
  readDir: (path) => readdirSync(path),
  realpath(path) {
    try {
      return realpathSync(path);
    } catch {
      return path;
    }
  },
};

export type LoadedFile =
  | { ok: true; path: string; text: string; parsed: ParseResult }
  | { ok: false; path: string; diagnostic: Diagnostic };

function ioMessage(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case "ENOENT": return "no such file";
    case "EACCES": case "EPERM": return "permission denied";
    case "EISDIR": return "is a directory";
    case "ELOOP": return "too many levels of symbolic links";
    case "ENAMETOOLONG": return "file name too long";
    default: return e.message ?? String(err);
  }
}

/**
 * Remembers what exists for the length of a run: every profile of a tree looks up the same includes, and a
 * stat per include per profile was most of a whole-tree run.
 */
function withLookupCache(fs: FileSystem): FileSystem {
  const kinds = new Map<string, ReturnType<FileSystem["kind"]>>();
  const dirs = new Map<string, string[]>();
  const reals = new Map<string, string>();
  return {
    readFile: (path) => fs.readFile(path),
    ...(fs.realpath ? { realpath: (path: string) => {
      let r = reals.get(path);
      if (r === undefined) {
        r = fs.realpath!(path);
        reals.set(path, r);
      }
      return r;
    } } : {}),
    kind(path) {
      let k = kinds.get(path);
      if (k === undefined && !kinds.has(path)) {
        k = fs.kind(path);
        kinds.set(path, k);
      }
      return k ?? null;
    },
    readDir(path) {
      let d = dirs.get(path);
      if (!d) {
        d = fs.readDir(path);
        dirs.set(path, d);
      }
      return d;
    },
  };
}

export class Workspace {
  private readonly cache = new Map<string, LoadedFile>();
  readonly fs: FileSystem;

  constructor(fs: FileSystem = nodeFileSystem) {
    this.fs = withLookupCache(fs);
  }

  /** The file if it was already loaded, without reading anything. */
  peek(path: string): LoadedFile | undefined {
    return this.cache.get(path);
  }

  /**
   * Reads and parses a file, or returns the cached result. `text` overrides the file's contents.
   * `keep: false` does not cache it: a checked profile is rarely included by another, and keeping the syntax
   * tree of every file of a large tree costs more memory than re-reading the odd one.
   */
  load(path: string, text?: string, options: { keep?: boolean } = {}): LoadedFile {
    const cached = text === undefined ? this.cache.get(path) : undefined;
    if (cached) return cached;
    const loaded = text === undefined ? this.read(path) : this.fromText(path, text);
    if (text === undefined && options.keep !== false) this.cache.set(path, loaded);
    return loaded;
  }

  private fromText(path: string, text: string): LoadedFile {
    if (text.charCodeAt(0) === 0xfeff) return byteOrderMark(path);
    return { ok: true, path, text, parsed: parse(text, path) };
  }

  private read(path: string): LoadedFile {
    const start = { offset: 0, line: 1, column: 1 };
    const kind = this.fs.kind(path);
    if (kind === "dir") {
      return { ok: false, path, diagnostic: {
        code: "AA0001", rule: "io-error", severity: "error", message: "is a directory, not a profile",
        file: path, range: { start, end: start },
      } };
    }
    if (kind === "other") {
      return { ok: false, path, diagnostic: {
        code: "AA0001", rule: "io-error", severity: "error",
        message: "not a regular file (device, socket or pipe)", file: path, range: { start, end: start },
      } };
    }
    let bytes: Uint8Array;
    try {
      bytes = this.fs.readFile(path);
    } catch (err) {
      return { ok: false, path, diagnostic: {
        code: "AA0001", rule: "io-error", severity: "error", message: `cannot read: ${ioMessage(err)}`,
        file: path, range: { start, end: start },
      } };
    }
    const decoded = decodeProfile(bytes);
    if (!decoded.ok) {
      return { ok: false, path, diagnostic: {
        code: decoded.code, rule: decoded.rule, severity: "error", message: decoded.message, file: path,
        range: { start: decoded.position, end: decoded.position },
      } };
    }
    if (decoded.hadBom) return byteOrderMark(path);
    return { ok: true, path, text: decoded.text, parsed: parse(decoded.text, path) };
  }
}

/**
 * apparmor_parser's lexer has no rule for a byte-order mark: it stops at its first byte ("Lexer found
 * unexpected character"), in the profile and in any file it includes. `aaprof fmt` removes it.
 */
function byteOrderMark(path: string): LoadedFile {
  const start = { offset: 0, line: 1, column: 1 };
  return { ok: false, path, diagnostic: {
    code: "AA0005", rule: "byte-order-mark", severity: "error",
    message: "the file starts with a UTF-8 byte-order mark, which apparmor_parser rejects as an unexpected character",
    help: "remove it; `aaprof fmt --write` does", file: path, range: { start, end: start },
  } };
}
