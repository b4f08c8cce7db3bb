/**
 * The per-file loop every tree command shares: reuse cached results, spread the rest over worker threads
 * when the run is large, show progress on a terminal, and return results in input order.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Dependencies, ResultCache } from "../project/cache.js";
import { mapInWorkers, workerCount } from "../project/pool.js";
import { progress } from "./progress.js";

/** One file's result, as plain data (it may come from another thread or from the cache). */
export interface FileOutcome {
  filePath: string;
  diagnostics: Diagnostic[];
  /** An exception escaped: the run exits 2. */
  internal?: boolean;
  /** What the result depended on, for the cache; absent when it cannot be cached. */
  deps?: Dependencies;
}

export interface RunOptions<T extends FileOutcome = FileOutcome> {
  /** The worker handler's name (src/cli/workers.ts) and the options it is given. */
  kind: string;
  shared: unknown;
  /** Runs one file in this thread. */
  local(filePath: string): T;
  workerScript?: string | undefined;
  workers?: number | undefined;
  cache?: ResultCache | undefined;
  verb: string;
}

export async function runOverFiles<T extends FileOutcome>(files: readonly string[], o: RunOptions<T>): Promise<T[]> {
  const out: T[] = new Array(files.length);
  const todo: number[] = [];
  files.forEach((f, i) => {
    const cached = o.cache?.get(f) as T | undefined;
    if (cached) out[i] = cached;
    else todo.push(i);
  });
  const shown = progress(o.verb, files.length);
  const already = files.length - todo.length;
  const todoFiles = todo.map((i) => files[i]!);
  const workers = o.workerScript ? workerCount(todoFiles, o.workers) : 1;
  if (workers > 1) {
    const done = await mapInWorkers<T>(o.kind, o.shared, todoFiles,
      { script: o.workerScript!, workers, onProgress: (n) => shown.tick(already + n) });
    done.forEach((r, j) => (out[todo[j]!] = r));
  } else {
    todo.forEach((i, j) => {
      out[i] = o.local(files[i]!);
      shown.tick(already + j + 1);
    });
  }
  shown.end();
  if (o.cache) {
    for (const i of todo) {
      const r = out[i]!;
      if (!r.internal && r.deps) {
        const { deps, ...value } = r;
        o.cache.set(r.filePath, deps, value);
      }
    }
    o.cache.save();
  }
  return out;
}
