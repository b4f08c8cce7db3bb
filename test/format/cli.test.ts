/**
 * `aaprof fmt` end to end through the CLI entry (`main`), on real files in a scratch directory.
 */
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { Io } from "../../src/cli/shared.js";

const UGLY = "profile p {\n   /etc/p.conf   r,\n}\n";
const PRETTY = "profile p {\n  /etc/p.conf r,\n}\n";
const BROKEN = "profile b {\n  /etc/b r\n}\n";

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "aaprof-fmt-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function fmt(args: string[], stdin = ""): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: Io = { out: (t) => (out += t), err: (t) => (err += t), stdin: () => stdin };
  const code = await main(["fmt", ...args], io);
  return { code, out, err };
}

function file(name: string, text: string): string {
  const p = join(dir, name);
  mkdirSync(join(p, ".."), { recursive: true });
  writeFileSync(p, text);
  return p;
}

describe("aaprof fmt", () => {
  it("prints the formatted text of one file and leaves the file alone", async () => {
    const p = file("p", UGLY);
    expect(await fmt([p])).toEqual({ code: 0, out: PRETTY, err: "" });
    expect(readFileSync(p, "utf8")).toBe(UGLY);
  });

  it("prints a diff of each file that would change when given several", async () => {
    const a = file("a", UGLY);
    file("b", PRETTY);
    const r = await fmt([a, join(dir, "b")]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`--- a/${a}\n+++ b/${a}\n@@ -1,3 +1,3 @@\n profile p {\n-   /etc/p.conf   r,\n+  /etc/p.conf r,\n }\n`);
  });

  it("walks a directory, skipping dot files and abi/", async () => {
    file("tree/p", UGLY);
    file("tree/.hidden", UGLY);
    file("tree/abi/4.0", "not a profile {");
    const r = await fmt(["--check", join(dir, "tree")]);
    expect(r).toEqual({ code: 1, out: `${join(dir, "tree", "p")}\n`, err: "" });
  });

  it("--check lists the files that would change and exits 1", async () => {
    const a = file("a", UGLY);
    const b = file("b", PRETTY);
    expect(await fmt(["--check", a, b])).toEqual({ code: 1, out: `${a}\n`, err: "" });
    expect(await fmt(["--check", b])).toEqual({ code: 0, out: "", err: "" });
    expect(readFileSync(a, "utf8")).toBe(UGLY);
  });

  it("--write rewrites changed files in place, keeping the mode, leaving no temporary file", async () => {
    const a = file("a", UGLY);
    chmodSync(a, 0o640);
    const r = await fmt(["--write", a]);
    expect(r).toEqual({ code: 0, out: `${a}\n`, err: "" });
    expect(readFileSync(a, "utf8")).toBe(PRETTY);
    expect(statSync(a).mode & 0o7777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(["a"]);
  });

  it("never writes a file that does not parse: reports it and exits 2, still formatting the others", async () => {
    const bad = file("bad", BROKEN);
    const good = file("good", UGLY);
    const r = await fmt(["--write", bad, good]);
    expect(r.code).toBe(2);
    expect(readFileSync(bad, "utf8")).toBe(BROKEN);
    expect(readFileSync(good, "utf8")).toBe(PRETTY);
    expect(r.err).toContain(`${bad}:3:1`);
    expect(r.err).toContain("expected ',' at the end of the file rule");
  });

  it("exits 2 for a file that does not parse even without --write", async () => {
    const r = await fmt([file("bad", BROKEN)]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
  });

  it("does not write through a symbolic link that leaves the tree", async () => {
    const outside = file("outside/p", UGLY);
    mkdirSync(join(dir, "tree"));
    symlinkSync(outside, join(dir, "tree", "link"));
    const r = await fmt(["--write", join(dir, "tree")]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("outside");
    expect(readFileSync(outside, "utf8")).toBe(UGLY);
  });

  it("writes through a symbolic link inside the tree, and the link stays a link", async () => {
    const target = file("tree/real", UGLY);
    symlinkSync(target, join(dir, "tree", "link"));
    const r = await fmt(["--write", join(dir, "tree", "link")]);
    expect(r.code).toBe(0);
    expect(readFileSync(target, "utf8")).toBe(PRETTY);
    expect(lstatSync(join(dir, "tree", "link")).isSymbolicLink()).toBe(true);
  });

  it("reads stdin and writes stdout for '-'", async () => {
    expect(await fmt(["-"], UGLY)).toEqual({ code: 0, out: PRETTY, err: "" });
    expect(await fmt(["--check", "-"], UGLY)).toEqual({ code: 1, out: "<stdin>\n", err: "" });
  });

  it("turns CRLF line ends and a byte-order mark into plain LF text", async () => {
    const p = file("crlf", `\uFEFF${UGLY.replace(/\n/g, "\r\n")}`);
    const pretty = file("crlf-pretty", `\uFEFF${PRETTY}`);
    expect((await fmt(["--check", p, pretty])).out).toBe(`${p}\n${pretty}\n`);
    await fmt(["--write", p]);
    expect(readFileSync(p, "utf8")).toBe(PRETTY);
  });

  it("--sort groups rules", async () => {
    const p = file("s", "profile s {\n  /a r,\n  capability chown,\n}\n");
    expect((await fmt(["--sort", p])).out).toBe("profile s {\n  capability chown,\n\n  /a r,\n}\n");
  });

  it("refuses --write with --check", async () => {
    expect((await fmt(["--write", "--check", file("a", UGLY)])).code).toBe(2);
  });
});
