import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";

const root = join(import.meta.dirname, "..", "..");

/** Runs the CLI in-process and captures what it writes. */
async function run(args: string[], stdin = ""): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s), stdin: () => stdin });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), "aaprof-check-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

describe("aaprof check", () => {
  it("passes the bundled fixtures tree", async () => {
    const r = await run(["check", join(root, "fixtures", "profiles")]);
    expect(r.code).toBe(0);
    expect(r.out).toBe("");
  });

  it("checks a file of rules as a fragment, but a stray rule beside a profile as the error it is", async () => {
    const rules = file("rules-only", "/etc/hosts r,\ncapability chown,\n");
    expect((await run(["check", rules])).code).toBe(0);
    const stray = file("stray-rule", "profile t {\n}\n/etc/hosts r,\n");
    const r = await run(["check", stray]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("a file rule is only allowed inside a profile");
  });

  it("rejects a byte-order mark, as apparmor_parser's lexer does", async () => {
    const r = await run(["check", file("bom", "\uFEFFprofile p {\n  /etc/hosts r,\n}\n")]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("AA0005");
  });

  it("prints ESLint's JSON shape, one object per file in input order", async () => {
    const bad = file("bad.profile", "profile p {\n  /etc/hosts r\n}\n");
    const good = file("good.profile", "profile p {\n  /etc/hosts r,\n}\n");
    const r = await run(["check", "--format", "json", bad, good]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json.map((f: { filePath: string }) => f.filePath)).toEqual([bad, good]);
    expect(json[0]).toMatchObject({
      errorCount: 1, warningCount: 0,
      messages: [{ ruleId: "syntax-error", severity: 2, line: 3, column: 1 }],
    });
    expect(json[1]).toMatchObject({ errorCount: 0, messages: [] });
  });

  it("shows a code frame with carets under the span", async () => {
    const p = file("frame.profile", "profile p {\n  capability chown bogus,\n}\n");
    const r = await run(["check", p]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${p}:2:20`);
    expect(r.out).toContain("  capability chown bogus,");
    expect(r.out).toContain("^^^^^");
  });

  it("follows includes through -I and names the chain", async () => {
    mkdirSync(join(dir, "base", "abstractions"), { recursive: true });
    writeFileSync(join(dir, "base", "abstractions", "broken"), "  /etc/x r\n");
    const p = file("inc.profile", "profile p {\n  include <abstractions/broken>\n}\n");
    const r = await run(["check", "-I", join(dir, "base"), p]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("abstractions/broken:2:1");
    expect(r.out).toContain(`included from ${p}:2:11`);
  });

  it("names an include cycle once and shortens the chain of notes to both ends", async () => {
    // Quoted includes are relative to the working directory, as upstream reads them: name the files in full.
    const a = file("cycle-a", `profile a {\n  include "${join(dir, "cycle-b")}"\n}\n`);
    file("cycle-b", `include "${a}"\n`);
    const r = await run(["check", a], "");
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/include cycle \S*cycle-a -> \S*cycle-b -> \S*cycle-a\n/);
    expect(r.out).toMatch(/= note: … \d+ more\n/);
    expect(r.out.match(/= note:/g)).toHaveLength(8);
  });

  it("skips abi/ and disable/ whether walked into or named, as a shell glob over a tree names them", async () => {
    const tree = join(dir, "globbed");
    mkdirSync(join(tree, "abi"), { recursive: true });
    mkdirSync(join(tree, "disable"), { recursive: true });
    writeFileSync(join(tree, "abi", "4.0"), "abi {\n  caps {mask {chown}}\n}\n");
    writeFileSync(join(tree, "disable", "usr.bin.x"), "not a profile\n");
    writeFileSync(join(tree, "usr.bin.y"), "profile y /usr/bin/y {\n  /etc/y r,\n}\n");
    for (const args of [[tree], [join(tree, "abi"), join(tree, "disable"), join(tree, "usr.bin.y")]]) {
      const r = await run(["check", "--format", "json", ...args]);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out).map((f: { filePath: string }) => f.filePath)).toEqual([join(tree, "usr.bin.y")]);
    }
  });

  it("reads stdin for '-'", async () => {
    const r = await run(["check", "--format", "json", "-"], "profile p {\n  /a r,\n}\n");
    expect(JSON.parse(r.out)[0]).toMatchObject({ filePath: "<stdin>", errorCount: 0 });
  });

  it("exits 2 on a usage error", async () => {
    expect((await run(["check", "--format", "xml", "x"])).code).toBe(2);
    expect((await run(["nonsense"])).code).toBe(2);
  });
});

describe("bad input gets one clear error per problem, never a stack trace", () => {
  it.each([
    ["a binary file", () => file("bin", new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2])), /binary file/],
    ["invalid UTF-8", () => file("utf8", new Uint8Array([0x2f, 0x61, 0xff, 0x20, 0x72, 0x2c])), /invalid UTF-8/],
    ["a file over the size limit", () => file("big", "#".repeat(17 * 1024 * 1024)), /too large/],
    ["10,000 nested braces", () => file("nest", "profile p {\n" + "{\n".repeat(10000) + "}\n".repeat(10000) + "}\n"), /nested more than/],
    ["an unterminated quote", () => file("quote", "profile p {\n  \"/etc/x r,\n}\n"), /unterminated quoted string/],
    ["a missing file", () => join(dir, "does-not-exist"), /no such file/],
  ])("%s", async (_name, make, message) => {
    const r = await run(["check", make()]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(message);
    expect(r.out).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
  });

  it.skipIf(process.getuid?.() === 0)("a directory without read permission", async () => {
    const d = join(dir, "locked");
    mkdirSync(d);
    chmodSync(d, 0o000);
    try {
      const r = await run(["check", d]);
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/cannot read directory: permission denied/);
    } finally {
      chmodSync(d, 0o755);
    }
  });
});

describe("the installed binary", () => {
  it("runs from bin/ against the build", () => {
    const r = spawnSync(process.execPath, [join(root, "bin", "aaprof"), "check", join(root, "fixtures", "profiles")], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});

describe("whole-tree runs", () => {
  it("give identical output with one worker and with several", async () => {
    const { generateTree } = await import("../../bench/synthetic.js");
    const tree = join(dir, "tree");
    generateTree(tree, 160);
    // Profiles with problems, so there is output to compare.
    writeFileSync(join(tree, "broken"), "profile broken {\n  capability bogus,\n  /x r\n}\n");
    const runWith = (workers: number) => spawnSync(process.execPath,
      [join(root, "bin", "aaprof"), "check", "--format", "json", "--workers", String(workers), tree], { encoding: "utf8" });
    const one = runWith(1);
    const two = runWith(2);
    expect(one.status).toBe(1);
    expect(two.status).toBe(1);
    expect(two.stdout).toBe(one.stdout);
    expect(JSON.parse(one.stdout).length).toBeGreaterThan(160);
  });
});

describe("adoption on a legacy tree", () => {
  it("--baseline records today's problems, then reports only new ones, wherever the old ones move", async () => {
    const tree = join(dir, "legacy");
    mkdirSync(tree);
    writeFileSync(join(tree, "a"), "profile a {\n  capability bogus,\n}\n");
    writeFileSync(join(tree, "b"), "profile b {\n  /x r,\n}\n");
    const baseline = join(dir, "legacy-baseline.json");
    const first = await run(["check", "--baseline", baseline, tree]);
    expect(first.code).toBe(0);
    expect(first.err).toMatch(/wrote .* with 1 problem/);
    writeFileSync(join(tree, "a"), "\n# moved\nprofile a {\n  capability bogus,\n}\n");
    writeFileSync(join(tree, "b"), "profile b {\n  /x r,\n  capability nope,\n}\n");
    const second = await run(["check", "--format", "json", "--baseline", baseline, tree]);
    expect(second.code).toBe(1);
    const messages = JSON.parse(second.out).flatMap((f: { messages: { message: string }[] }) => f.messages.map((m) => m.message));
    expect(messages).toEqual(["Invalid capability nope."]);
  });

  it("--cache gives the same output as a cold run, and notices a changed include", async () => {
    const tree = join(dir, "cached");
    mkdirSync(join(tree, "abstractions"), { recursive: true });
    writeFileSync(join(tree, "abstractions", "x"), "  /etc/x r,\n");
    writeFileSync(join(tree, "p"), "profile p {\n  include <abstractions/x>\n}\n");
    const cacheFile = join(dir, "cache.json");
    const args = ["check", "--format", "json", "--cache", "--cache-location", cacheFile, tree];
    const cold = await run(args);
    const warm = await run(args);
    expect(warm.out).toBe(cold.out);
    writeFileSync(join(tree, "abstractions", "x"), "  /etc/x r\n");
    const changed = await run(args);
    expect(changed.code).toBe(1);
    expect(changed.out).not.toBe(cold.out);
  });
});

describe("lint over a whole tree", () => {
  it("gives identical output with one worker, several, and from the cache", async () => {
    const { generateTree } = await import("../../bench/synthetic.js");
    const tree = join(dir, "lint-tree");
    generateTree(tree, 160);
    writeFileSync(join(tree, "noisy"), "profile noisy {\n  file,\n  capability,\n  # aaprof-disable-next-line AA3601 -- unused on purpose\n  /x r,\n}\n");
    const lint = (...extra: string[]) => spawnSync(process.execPath,
      [join(root, "bin", "aaprof"), "lint", "--format", "json", ...extra, tree], { encoding: "utf8", cwd: dir });
    const one = lint("--workers", "1");
    const two = lint("--workers", "2");
    const cacheFile = join(dir, "lint-cache.json");
    const cold = lint("--workers", "1", "--cache", "--cache-location", cacheFile);
    const warm = lint("--workers", "1", "--cache", "--cache-location", cacheFile);
    expect(one.status).toBe(1);
    for (const other of [two, cold, warm]) {
      expect(other.status).toBe(one.status);
      expect(other.stdout).toBe(one.stdout);
    }
    const rules = JSON.parse(one.stdout).flatMap((f: { messages: { ruleId: string }[] }) => f.messages.map((m) => m.ruleId));
    expect(rules).toContain("suppression-no-unused");
    expect(rules).toContain("file-no-allow-all");
  });
});
