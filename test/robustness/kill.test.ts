/**
 * A --write interrupted at any moment leaves every file with either its old text or its new text.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatText } from "../../src/format/index.js";

const root = join(import.meta.dirname, "..", "..");
const bin = join(root, "bin", "aaprof");
const work = mkdtempSync(join(tmpdir(), "aaprof-kill-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const FILES = 500;

function profile(i: number): string {
  // Unformatted on purpose: uneven indentation and spacing, so every file changes.
  return `profile p${i}   /usr/bin/p${i}  {\n      /etc/p${i}/**   r,\n  capability   setuid ,\n /var/lib/p${i}/ rw,\n}\n`;
}

function freshTree(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < FILES; i++) writeFileSync(join(dir, `p${i}`), profile(i));
  return dir;
}

describe("fmt --write under SIGKILL", () => {
  it("leaves each of 500 files either old or new, wherever the kill lands", async () => {
    const formatted: string[] = [];
    for (let i = 0; i < FILES; i++) {
      const r = await formatText(profile(i));
      if (!r.ok) throw new Error("fixture does not format");
      formatted.push(r.text);
    }
    // Uninterrupted, the same run rewrites every file; its duration places the kills inside the run.
    const dir = freshTree("complete");
    const started = performance.now();
    expect(spawnSync(process.execPath, [bin, "fmt", "--write", dir]).status).toBe(0);
    const full = performance.now() - started;
    for (let i = 0; i < FILES; i++) expect(readFileSync(join(dir, `p${i}`), "utf8")).toBe(formatted[i]);

    const tally: string[] = [];
    for (const fraction of [0.15, 0.3, 0.5, 0.7, 0.85]) {
      const delay = Math.round(full * fraction);
      const dir = freshTree(`run-${fraction}`);
      const child = spawn(process.execPath, [bin, "fmt", "--write", dir], { stdio: "ignore" });
      // Listen before the kill: the run may finish before the delay is up.
      const exited = new Promise((r) => child.on("exit", r));
      await new Promise((r) => setTimeout(r, delay));
      child.kill("SIGKILL");
      await exited;
      let rewritten = 0;
      for (let i = 0; i < FILES; i++) {
        const text = readFileSync(join(dir, `p${i}`), "utf8");
        expect([profile(i), formatted[i]], `p${i} after a kill at ${delay} ms`).toContain(text);
        if (text === formatted[i]) rewritten++;
      }
      tally.push(`${delay} ms: ${rewritten}/${FILES} rewritten`);
    }
    console.log(`fmt --write of ${FILES} files takes ${Math.round(full)} ms; killed at: ${tally.join("; ")}`);
  }, 120_000);
});
