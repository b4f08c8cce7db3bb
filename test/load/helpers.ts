/**
 * Shared by the bridge tests: the CLI run in-process, fake compilers written as small shell scripts, and
 * whether the real apparmor_parser is here.
 */
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main.js";
import { findParser } from "../../src/load/index.js";

export const root = join(import.meta.dirname, "..", "..");
export const fixtures = join(root, "fixtures", "load");

/** Runs the CLI in-process and captures what it writes. */
export async function run(args: string[], stdin = ""): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s), stdin: () => stdin });
  return { code, out, err };
}

/** A scratch directory for one test file. */
export function scratch(name: string): string {
  return mkdtempSync(join(tmpdir(), `aaprof-${name}-`));
}

/** An executable script standing in for apparmor_parser. */
export function fakeParser(dir: string, name: string, body: string): string {
  const p = join(dir, name);
  writeFileSync(p, `#!/bin/sh\n${body}\n`);
  chmodSync(p, 0o755);
  return p;
}

export function writeFile(dir: string, name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const found = findParser();
/** The installed compiler, or null: tests that need it skip with a message saying so. */
export const realParser: string | null = found.ok ? found.path : null;
export const realParserNote = realParser
  ? `with the real apparmor_parser (${realParser})`
  : "with the real apparmor_parser: SKIPPED, apparmor_parser is not installed (Debian/Ubuntu: apt install apparmor)";
