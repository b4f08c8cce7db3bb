import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { emitProfiles, type EmitOptions } from "../../src/emit/index.js";
import { formatText } from "../../src/format/index.js";
import { Checker } from "../../src/project/checker.js";
import { memoryFs } from "../helpers.js";
import { BASES, PROFILES, ROOT } from "../k8s/support.js";

const options = (over: Partial<EmitOptions> = {}): EmitOptions => ({
  includeDirs: [join(ROOT, BASES)], cwd: ROOT, k8sVersion: { major: 1, minor: 33 }, mode: "field", containers: [],
  flatten: true, spo: false, ...over,
});

const PARSER = ["/usr/sbin/apparmor_parser", "/sbin/apparmor_parser"].find((p) => existsSync(p));
const tmp = mkdtempSync(join(tmpdir(), "aaprof-flatten-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The compiled policy, as bytes: two texts that compile to the same bytes are the same policy. */
function compile(file: string, includeDir: string): Buffer {
  const r = spawnSync(PARSER!, ["-S", "-K", "-Q", "-I", includeDir, file], { encoding: "buffer" });
  expect(r.status, r.stderr.toString()).toBe(0);
  return r.stdout;
}

describe("--flatten", () => {
  it("needs no other file: only the kernel feature ABI it names", async () => {
    const out = await emitProfiles([{ path: join(ROOT, PROFILES, "api-server") }], options());
    const [p] = out.profiles;
    expect(p!.text).not.toMatch(/^\s*include\s/m);
    expect(p!.text).toContain("@{PROC} = /proc/");
    const abi = readFileSync(join(ROOT, BASES, "abi", "4.0"), "utf8");
    const checker = new Checker({ includeDirs: ["/inc"], cwd: "/work", fs: memoryFs({ "/inc/abi/4.0": abi }) });
    expect(checker.checkFile("/work/k8s-api", p!.text).diagnostics).toEqual([]);
  });

  it.skipIf(!PARSER)("compiles to the same policy as the original (apparmor_parser -S)", async () => {
    const abiOnly = join(tmp, "abi-only");
    mkdirSync(join(abiOnly, "abi"), { recursive: true });
    writeFileSync(join(abiOnly, "abi", "4.0"), readFileSync(join(ROOT, BASES, "abi", "4.0")));
    for (const [file, names] of [
      [join(ROOT, PROFILES, "api-server"), ["k8s-api"]],
      // Two profiles in one file: each key holds one, and together they are the file's policy.
      [join(ROOT, BASES, "usr.sbin.exampled"), ["exampled", "exampled_logger"]],
    ] as const) {
      const out = await emitProfiles([{ path: file }], options());
      expect(out.profiles.map((p) => p.name)).toEqual(names);
      const parts = out.profiles.map((p) => {
        const f = join(tmp, p.key);
        writeFileSync(f, p.text);
        return compile(f, abiOnly);
      });
      expect(Buffer.concat(parts).equals(compile(file, join(ROOT, BASES)))).toBe(true);
    }
  });

  it("splices an include once per profile block and drops a missing `include if exists`", async () => {
    const fs = memoryFs({
      "/inc/abstractions/a": "  /a r,\n  include <abstractions/b>\n",
      "/inc/abstractions/b": "  /b r,\n",
      "/p/prof": "profile p {\n  include <abstractions/a>\n  include <abstractions/b>\n  include if exists <local/p>\n}\n",
    });
    const out = await emitProfiles([{ path: "/p/prof" }], options({ fs, includeDirs: ["/inc"], cwd: "/p" }));
    const text = out.profiles[0]!.text;
    expect(text.match(/\/b r,/g)).toHaveLength(1);
    expect(text).toContain("/a r,");
    expect(text).not.toMatch(/^\s*include/m);
    const checker = new Checker({ includeDirs: [], cwd: "/p", fs: memoryFs({}) });
    expect(checker.checkFile("/p/flat", text).diagnostics).toEqual([]);
  });
});

describe("profile text", () => {
  it("cuts the other top-level profiles and the comments that belong to them", async () => {
    const out = await emitProfiles([{ path: join(ROOT, PROFILES, "worker-pair") }], options({ flatten: false }));
    const [worker, convert] = out.profiles.map((p) => p.text);
    expect(worker).toContain("# The queue worker.");
    expect(worker).not.toContain("What the worker runs");
    expect(convert).toContain("What the worker runs");
    expect(convert).not.toContain("# The queue worker.");
    for (const t of [worker, convert]) expect(t).toContain("include <tunables/global>");
  });

  it("is the formatter's output", async () => {
    const file = join(ROOT, PROFILES, "api-server");
    const out = await emitProfiles([{ path: file }], options({ flatten: false }));
    const formatted = await formatText(readFileSync(file, "utf8"), { filePath: file });
    expect(formatted.ok).toBe(true);
    if (formatted.ok) expect(out.profiles[0]!.text).toBe(formatted.text);
  });
});
