/**
 * Writing files without ever leaving a half-written one. Every command that writes (fmt --write, lint --fix,
 * the cache, baselines) goes through here.
 */
import { randomBytes } from "node:crypto";
import {
  closeSync, fchmodSync, fchownSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync,
} from "node:fs";
import { basename, dirname, join, sep } from "node:path";

export interface WriteOptions {
  /**
   * The tree the file belongs to: a symbolic link is written through only when its target lies inside it
   * (and the link itself stays). Without it, links are followed wherever they point.
   */
  root?: string;
}

/**
 * Replaces (or creates) a file atomically: a temporary dot file beside it (which apparmor_parser skips,
 * should one ever be left behind), the same mode and owner, flushed, then renamed over it. A crash at any
 * point leaves either the old text or the new. Throws an Error whose message says why nothing was written.
 */
export function writeFileAtomic(path: string, text: string, options: WriteOptions = {}): void {
  let target = path;
  let existing: { mode: number; uid: number; gid: number } | null = null;
  try {
    target = realpathSync(path);
    const st = statSync(target);
    existing = { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
  } catch {
    // A new file: written where it was asked for.
  }
  if (options.root !== undefined && existing) {
    const realRoot = realpathSync(options.root);
    if (target !== realRoot && !target.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep)) {
      throw new Error(`it is a symbolic link to ${target}, outside ${options.root}`);
    }
  }
  const tmp = join(dirname(target), `.${basename(target)}.aaprof-${process.pid}-${randomBytes(4).toString("hex")}`);
  try {
    const fd = openSync(tmp, "wx", existing ? 0o600 : 0o644);
    try {
      writeSync(fd, text);
      if (existing) {
        fchmodSync(fd, existing.mode);
        try {
          fchownSync(fd, existing.uid, existing.gid);
        } catch {
          // Only root may give a file away; anyone else keeps their own ownership, as any editor would.
        }
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // Never created, or already renamed.
    }
    throw err;
  }
}
