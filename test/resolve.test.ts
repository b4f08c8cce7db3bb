import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Checker } from "../src/project/checker.js";
import { accepts, errors, memoryFs } from "./helpers.js";

describe("resolve", () => {
  it("follows includes against the include base", () => {
    expect(accepts("profile p {\n  include <abstractions/base>\n}\n", { "/inc/abstractions/base": "/etc/hosts r,\n" })).toBe(true);
  });

  it("reports a missing include", () => {
    expect(errors("profile p {\n  include <nope>\n}\n")).toEqual(["Could not open 'nope'"]);
  });

  it("accepts a missing include if exists", () => {
    expect(accepts("profile p {\n  include if exists <nope>\n}\n")).toBe(true);
  });

  it("opens an empty include name as the compiler does (it fails), not as the working directory", () => {
    const cwdFiles = { "/work/a": "/x r,\n", "/work/b": "/y r,\n" };
    expect(errors("profile p {\n  include \"\"\n}\n", cwdFiles)).toEqual(["Could not open ''"]);
    expect(accepts("profile p {\n  include if exists \"\"\n}\n", cwdFiles)).toBe(true);
  });

  it("rejects a variable assignment inside a profile", () => {
    expect(errors("profile p {\n  include <v>\n}\n", { "/inc/v": "@{X} = /a\n" })[0]).toMatch(/before the first profile/);
  });

  it("rejects a rule outside a profile", () => {
    expect(errors("/etc/hosts r,\n")[0]).toMatch(/only allowed inside a profile/);
  });

  it("evaluates conditions at compile time", () => {
    expect(errors("$B = maybe\n")[0]).toMatch(/Invalid boolean/);
    expect(errors("@{N} = 10\nprofile p {\n  if @{N} > /x {\n  }\n}\n")).toEqual(["Can only compare numbers with numbers"]);
  });
});

describe("include failures end in a clear error with the chain, in bounded time", () => {
  const base = mkdtempSync(join(tmpdir(), "aaprof-inc-"));
  afterAll(() => rmSync(base, { recursive: true, force: true }));
  const checkReal = (text: string) =>
    new Checker({ cwd: base, includeDirs: [base] }).checkFile(join(base, "p.profile"), text).diagnostics;

  it("a missing include names the file and the including line", () => {
    const ds = checkReal("profile p {\n  include <nothing/here>\n}\n");
    expect(ds.map((d) => [d.message, d.range.start.line])).toEqual([["Could not open 'nothing/here'", 2]]);
  });

  it("an include of /dev/zero is refused without reading it", () => {
    const ds = checkReal("profile p {\n  include \"/dev/zero\"\n}\n");
    expect(ds[0]!.message).toMatch(/Could not open '\/dev\/zero': not a regular file/);
  });

  it("a symbolic link loop is reported, not followed", () => {
    symlinkSync(join(base, "loop-b"), join(base, "loop-a"));
    symlinkSync(join(base, "loop-a"), join(base, "loop-b"));
    const ds = checkReal("profile p {\n  include <loop-a>\n}\n");
    expect(ds[0]!.message).toMatch(/Could not open 'loop-a': .*symbolic link loop/);
  });

  it("a file that includes itself inside a new profile block stops at the depth limit and names the cycle", () => {
    writeFileSync(join(base, "selfref"), "profile inner {\n  include <selfref>\n}\n");
    const ds = checkReal("profile p {\n  include <selfref>\n}\n");
    const cycle = ds.find((d) => /include cycle/.test(d.message))!;
    // The loop once, not the 64 includes that led to the limit.
    expect(cycle.message).toMatch(/^includes are nested more than 64 deep: include cycle [^ ]*selfref -> [^ ]*selfref$/);
    expect(cycle.related!.length).toBeGreaterThan(1);
  });

  it("an unreadable include says why", () => {
    const fs = memoryFs({ "/inc/secret": "x" });
    const unreadable = { ...fs, readFile: () => { throw Object.assign(new Error("denied"), { code: "EACCES" }); } };
    const ds = new Checker({ cwd: "/work", includeDirs: ["/inc"], fs: unreadable })
      .checkFile("/work/p", "profile p {\n  include <secret>\n}\n").diagnostics;
    expect(ds.map((d) => d.message)).toEqual(["Could not open 'secret': cannot read: permission denied"]);
  });

  it("a file included twice in one profile is read once (upstream's include cache)", () => {
    expect(accepts("@{X} = /a\nprofile p {\n  include <r>\n  include <r>\n}\n", { "/inc/r": "@{X} r,\n" })).toBe(true);
  });
});

describe("include containment", () => {
  const files = { "/inc/abstractions/base": "/etc/hosts r,\n", "/etc/shadow": "root:x:1::\n", "/inc/d/link": "" };
  const run = (text: string, includeRoots?: string[]) =>
    new Checker({ cwd: "/work", includeDirs: ["/inc"], fs: memoryFs(files), ...(includeRoots ? { includeRoots } : {}) })
      .checkFile("/work/p", text).diagnostics;

  it("does not read an include outside the include bases and the checked tree", () => {
    const ds = run("profile p {\n  include \"/etc/shadow\"\n}\n", ["/inc", "/work"]);
    expect(ds.map((d) => [d.code, d.message])).toEqual([
      ["AA2045", "'/etc/shadow' is outside the include bases and the checked tree; it was not read"],
    ]);
    expect(JSON.stringify(ds)).not.toContain("root:x");
  });

  it("allows includes inside the roots", () => {
    expect(run("profile p {\n  include <abstractions/base>\n}\n", ["/inc", "/work"])).toEqual([]);
  });

  it("reads anything, as apparmor_parser does, when no roots are configured", () => {
    expect(run("profile p {\n  include \"/etc/shadow\"\n}\n")[0]!.code).toBe("AA1002");
  });
});
