/**
 * `--baseline FILE` for every command that reports problems: write today's problems when the file is missing
 * (or with --update-baseline), otherwise drop the problems it records and report only new ones.
 */
import { resolve } from "node:path";
import type { FileResult } from "../diagnostics/render/json.js";
import { Baseline, writeBaseline } from "../project/baseline.js";
import { LineIndex } from "../source/source.js";
import type { Io } from "./shared.js";

/** Filters `results` in place; returns how many problems the baseline covered, or -1 on an unusable file. */
export function applyBaseline(
  results: FileResult[],
  file: string,
  update: boolean,
  cwd: string,
  source: (path: string) => string | undefined,
  io: Io,
): number {
  const path = resolve(cwd, file);
  const indexes = new Map<string, LineIndex | null>();
  const lineText = (f: string, line: number) => {
    if (!indexes.has(f)) {
      const t = source(f);
      indexes.set(f, t === undefined ? null : new LineIndex(t));
    }
    return indexes.get(f)?.lineText(line);
  };
  let baseline: Baseline | null;
  try {
    baseline = update ? null : Baseline.read(path, cwd);
  } catch (err) {
    io.err(`aaprof: ${err instanceof Error ? err.message : String(err)}\n`);
    return -1;
  }
  if (!baseline) {
    const all = results.flatMap((r) => r.diagnostics);
    writeBaseline(path, cwd, all, lineText);
    io.err(`aaprof: wrote ${file} with ${all.length} problem${all.length === 1 ? "" : "s"}; later runs report only new ones\n`);
    for (const r of results) r.diagnostics = [];
    return all.length;
  }
  let covered = 0;
  for (const r of results) {
    const before = r.diagnostics.length;
    r.diagnostics = r.diagnostics.filter((d) => !baseline!.covers(d, lineText));
    covered += before - r.diagnostics.length;
  }
  return covered;
}
