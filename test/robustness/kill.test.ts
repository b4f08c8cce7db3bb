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
    const tally: string[] = [];
    for (const delay of [100, 250, 400, 600, 900]) {
      const dir = freshTree(`run-${delay}`);
      const child = spawn(process.execPath, [bin, "fmt", "--write", dir], { stdio: "ignore" });
      await new Promise((r) => setTimeout(r, delay));
      child.kill("SIGKILL");
      await new Promise((r) => child.on("exit", r));
      let rewritten = 0;
      for (let i = 0; i < FILES; i++) {
        const text = readFileSync(join(dir, `p${i}`), "utf8");
        expect([profile(i), formatted[i]], `p${i} after a kill at ${delay} ms`).toContain(text);
        if (text === formatted[i]) rewritten++;
      }
      tally.push(`${delay} ms: ${rewritten}/${FILES} rewritten`);
    }
    // Uninterrupted, the same run rewrites every file.
    const dir = freshTree("complete");
    expect(spawnSync(process.execPath, [bin, "fmt", "--write", dir]).status).toBe(0);
    for (let i = 0; i < FILES; i++) expect(readFileSync(join(dir, `p${i}`), "utf8")).toBe(formatted[i]);
    console.log(`fmt --write killed at: ${tally.join("; ")}`);
  }, 120_000);
});
