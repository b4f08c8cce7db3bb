/**
 * Baselines: today's findings, recorded so that a legacy tree can adopt the checks and fail only on new ones.
 *
 * A finding is remembered by what it is and where it is written, not by line number: the file, the code,
 * and the text of the line it points at (whitespace collapsed). Lines may move as the file is edited around
 * them; a finding on a changed line is new. Identical findings are counted, so a second copy of a
 * baselined mistake is reported.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { writeFileAtomic } from "./write.js";

export interface BaselineEntry {
  file: string;
  code: string;
  fingerprint: string;
  /** For people reading the file; not used to match. */
  line: number;
  message: string;
}

interface BaselineFile {
  aaprofBaseline: 1;
  findings: BaselineEntry[];
}

export class Baseline {
  private readonly remaining = new Map<string, number>();

  private constructor(entries: readonly BaselineEntry[], private readonly base: string) {
    for (const e of entries) {
      const k = key(e.file, e.code, e.fingerprint);
      this.remaining.set(k, (this.remaining.get(k) ?? 0) + 1);
    }
  }

  /** Reads a baseline; null when the file does not exist. Throws with a clear message when it is malformed. */
  static read(path: string, base: string): Baseline | null {
    if (!existsSync(path)) return null;
    let data: BaselineFile;
    try {
      data = JSON.parse(readFileSync(path, "utf8")) as BaselineFile;
    } catch (err) {
      throw new Error(`cannot read baseline ${path}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (data?.aaprofBaseline !== 1 || !Array.isArray(data.findings)) {
      throw new Error(`${path} is not an aaprof baseline`);
    }
    return new Baseline(data.findings, base);
  }

  /** True (and counted) when the finding was in the baseline. */
  covers(d: Diagnostic, lineText: (file: string, line: number) => string | undefined): boolean {
    const k = key(relativeTo(this.base, d.file), d.code, fingerprint(d, lineText));
    const n = this.remaining.get(k) ?? 0;
    if (n === 0) return false;
    this.remaining.set(k, n - 1);
    return true;
  }
}

export function writeBaseline(
  path: string,
  base: string,
  findings: readonly Diagnostic[],
  lineText: (file: string, line: number) => string | undefined,
): void {
  const entries: BaselineEntry[] = findings.map((d) => ({
    file: relativeTo(base, d.file), code: d.code, fingerprint: fingerprint(d, lineText),
    line: d.range.start.line, message: d.message,
  }));
  entries.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.code.localeCompare(b.code));
  const data: BaselineFile = { aaprofBaseline: 1, findings: entries };
  writeFileAtomic(path, JSON.stringify(data, null, 2) + "\n");
}

function key(file: string, code: string, fp: string): string {
  return `${file}\u0000${code}\u0000${fp}`;
}

function relativeTo(base: string, file: string): string {
  return file.startsWith("<") ? file : relative(base, resolve(base, file));
}

function fingerprint(d: Diagnostic, lineText: (file: string, line: number) => string | undefined): string {
  const text = (lineText(d.file, d.range.start.line) ?? "").replace(/\s+/g, " ").trim();
  return createHash("sha256").update(`${d.rule}\u0000${text}`).digest("hex").slice(0, 16);
}
