/**
 * The result cache (`--cache`): a file's result is reused when neither it nor anything its result
 * depended on has changed — the files it read (by content), the paths whose existence decided an include,
 * the directories an include listed — and the run is the same (aaprof's version, the command, its options).
 * A cached run's output is the same as a cold run's.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import type { Program } from "../resolve/model.js";

/** What a file's result depended on: the files read, the existence lookups, the directories listed. */
export interface Dependencies {
  files: string[];
  lookups: string[];
  dirs: string[];
}

export function dependenciesOf(program: Program, extra?: Partial<Dependencies>): Dependencies {
  return {
    files: [...program.files, ...(extra?.files ?? [])],
    lookups: [...program.lookups.paths, ...(extra?.lookups ?? [])],
    dirs: [...program.lookups.dirs, ...(extra?.dirs ?? [])],
  };
}
import { writeFileAtomic } from "./write.js";

interface Entry {
  /** What the command produced for the file (plain data). */
  value: unknown;
  /** path → content hash of each file read. */
  files: Record<string, string>;
  /** path → what it was ("file", "dir", "other" or "none") for each existence lookup. */
  lookups: Record<string, string>;
  /** directory → hash of its listing. */
  dirs: Record<string, string>;
}

interface CacheFile {
  aaprofCache: 1;
  run: string;
  entries: Record<string, Entry>;
}

export class ResultCache {
  private readonly entries: Record<string, Entry>;
  private readonly hashes = new Map<string, string>();
  private readonly kinds = new Map<string, string>();
  private readonly listings = new Map<string, string>();
  private changed = false;

  private constructor(private readonly path: string, private readonly run: string, entries: Record<string, Entry>) {
    this.entries = entries;
  }

  /** Opens the cache at `path` for a run described by `run`; an unreadable or foreign cache starts empty. */
  static open(path: string, run: string): ResultCache {
    try {
      const data = JSON.parse(readFileSync(path, "utf8")) as CacheFile;
      if (data.aaprofCache === 1 && data.run === run && data.entries) return new ResultCache(path, run, data.entries);
    } catch {
      // Missing or damaged: start over.
    }
    return new ResultCache(path, run, {});
  }

  /** What an earlier run produced for `file`, if nothing it depends on has changed. */
  get(file: string): unknown {
    const e = this.entries[file];
    if (!e) return undefined;
    for (const [p, h] of Object.entries(e.files)) if (this.hash(p) !== h) return undefined;
    for (const [p, k] of Object.entries(e.lookups)) if (this.kind(p) !== k) return undefined;
    for (const [d, h] of Object.entries(e.dirs)) if (this.listing(d) !== h) return undefined;
    return e.value;
  }

  set(file: string, deps: Dependencies | undefined, value: unknown): void {
    const files: Record<string, string> = {};
    const lookups: Record<string, string> = {};
    const dirs: Record<string, string> = {};
    for (const f of deps?.files ?? [file]) files[f] = this.hash(f);
    for (const p of deps?.lookups ?? []) lookups[p] = this.kind(p);
    for (const d of deps?.dirs ?? []) dirs[d] = this.listing(d);
    this.entries[file] = { value, files, lookups, dirs };
    this.changed = true;
  }

  save(): void {
    if (!this.changed) return;
    const data: CacheFile = { aaprofCache: 1, run: this.run, entries: this.entries };
    writeFileAtomic(this.path, JSON.stringify(data));
  }

  private kind(path: string): string {
    let k = this.kinds.get(path);
    if (k === undefined) {
      k = kindOf(path);
      this.kinds.set(path, k);
    }
    return k;
  }

  private listing(dir: string): string {
    let h = this.listings.get(dir);
    if (h === undefined) {
      h = listing(dir);
      this.listings.set(dir, h);
    }
    return h;
  }

  private hash(path: string): string {
    let h = this.hashes.get(path);
    if (h === undefined) {
      try {
        h = createHash("sha256").update(readFileSync(path)).digest("hex");
      } catch {
        h = "unreadable";
      }
      this.hashes.set(path, h);
    }
    return h;
  }
}

function kindOf(path: string): string {
  if (!existsSync(path)) return "none";
  try {
    const s = statSync(path);
    return s.isFile() ? "file" : s.isDirectory() ? "dir" : "other";
  } catch {
    return "other";
  }
}

function listing(dir: string): string {
  try {
    return createHash("sha256").update(readdirSync(dir).sort().join("\u0000")).digest("hex");
  } catch {
    return "unreadable";
  }
}
