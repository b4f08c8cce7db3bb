/**
 * From what apparmor_parser writes back to the user's file, line and column: its message shapes, the
 * pairing of normalized and original items, includes, and the table of constructs newer than a compiler.
 */
import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "../../src/ast/parse.js";
import { Checker } from "../../src/project/checker.js";
import {
  compareVersions, constructUses, parseCompilerOutput, parseVersion, SourceMap, tooNewAt,
} from "../../src/load/index.js";
import { memoryFs } from "../helpers.js";
import { fakeParser, run, scratch, writeFile } from "./helpers.js";

const dir = scratch("load-map");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("reading apparmor_parser's standard error", () => {
  it("takes the file containing the error from `in profile`, and the line", () => {
    const out = parseCompilerOutput(
      "Cache read/write disabled: interface file missing. (Kernel needs AppArmor 2.4 compatibility patch.)\n"
      + "AppArmor parser error for /dev/stdin in profile /etc/apparmor.d/abstractions/x at line 2: Invalid capability bar.\n",
      "/sbin/apparmor_parser",
    );
    expect(out.errors).toEqual([expect.objectContaining({
      file: "/etc/apparmor.d/abstractions/x", line: 2, text: "Invalid capability bar.",
    })]);
    expect(out.warnings).toEqual([]);
  });

  it("reads the bare-stdin form without a file", () => {
    const out = parseCompilerOutput("AppArmor parser error at line 4: Invalid capability baz.\n", "apparmor_parser");
    expect(out.errors[0]).toMatchObject({ file: null, line: 4 });
  });

  it("keeps a regex error's lines together with the rule and profile they name", () => {
    const out = parseCompilerOutput(
      "/sbin/apparmor_parser: Regex grouping error: Invalid number of items between {}\n"
      + "/sbin/apparmor_parser: Unable to parse input line '/a/{b}'\n"
      + "ERROR processing regexs for profile p, failed to load\n",
      "/sbin/apparmor_parser",
    );
    expect(out.errors.map((e) => e.text)).toEqual([
      "Regex grouping error: Invalid number of items between {}",
      "Unable to parse input line '/a/{b}'",
      "ERROR processing regexs for profile p, failed to load",
    ]);
    expect(out.errors[1]).toMatchObject({ rulePath: "/a/{b}" });
    expect(out.errors[2]).toMatchObject({ profile: "p" });
  });

  it("reads warnings with and without a line", () => {
    const out = parseCompilerOutput(
      "Warning from /dev/stdin (/dev/stdin line 2): Unconfined exec qualifier (ux) allows some dangerous environment variables\n"
      + "Warning from profile nscd (usr.sbin.nscd): ptrace rules not enforced\n",
      "apparmor_parser",
    );
    expect(out.warnings).toEqual([
      expect.objectContaining({ file: "/dev/stdin", line: 2 }),
      expect.objectContaining({ profile: "nscd", text: "ptrace rules not enforced" }),
    ]);
  });

  it("recognizes the environment problems", () => {
    expect(parseCompilerOutput("/sbin/apparmor_parser: Sorry. You need root privileges to run this program.\n", "/sbin/apparmor_parser").environment)
      .toMatchObject({ kind: "not-permitted" });
    expect(parseCompilerOutput("Warning: unable to find a suitable fs in /proc/mounts, is it mounted?\nUse --subdomainfs to override.\n", "x").environment)
      .toMatchObject({ kind: "no-kernel" });
  });

  it("reads the version", () => {
    expect(parseVersion("AppArmor parser version 3.0.8\nCopyright (C) 1999-2008 Novell Inc.\n")).toBe("3.0.8");
    expect(parseVersion("something else")).toBeNull();
  });
});

describe("mapping a line of the normalized text to the original", () => {
  const original = [
    "# header",                         // 1
    "profile p {",                      // 2
    "    /a r,   /b r,",                // 3
    "",                                 // 4
    "",                                 // 5
    "  capability chown,",              // 6
    "  deny {",                         // 7
    " /x r,",                           // 8
    " }",                               // 9
    "}",                                // 10
    "",
  ].join("\n");
  const normalized = [
    "# header",                         // 1
    "profile p {",                      // 2
    "  /a r,",                          // 3
    "  /b r,",                          // 4
    "",                                 // 5
    "  capability chown,",              // 6
    "  deny {",                         // 7
    "    /x r,",                        // 8
    "  }",                              // 9
    "}",                                // 10
    "",
  ].join("\n");
  const checker = new Checker({ includeDirs: [], cwd: "/work", fs: memoryFs({}) });
  const report = checker.checkFile("/work/p.profile", original);
  const map = new SourceMap({
    workspace: checker.workspace, program: report.program, root: "/work/p.profile", rootText: original,
    sentText: normalized, inputName: "/dev/stdin", cwd: "/work",
  });

  it.each([
    [3, 3, 5], // `/a r,`
    [4, 3, 13], // `/b r,` was on the same line as `/a r,`
    [6, 6, 3],
    [8, 8, 2],
    [9, 9, 2], // the block's closing brace
    [10, 10, 1],
  ])("normalized line %i is line %i, column %i", (line, wantLine, wantColumn) => {
    const place = map.line("/dev/stdin", line);
    expect(place.file).toBe("/work/p.profile");
    expect(place.range.start).toMatchObject({ line: wantLine, column: wantColumn });
  });

  it("uses the text as written when nothing was normalized", () => {
    const same = new SourceMap({
      workspace: checker.workspace, program: report.program, root: "/work/p.profile", rootText: original,
      sentText: original, inputName: "/dev/stdin", cwd: "/work",
    });
    expect(same.line("/dev/stdin", 3).range.start).toMatchObject({ line: 3, column: 5 });
  });

  it("finds a profile and a rule the compiler names without a line", () => {
    expect(map.profile("p")?.range.start).toMatchObject({ line: 2, column: 9 });
    expect(map.rule("/b", "p")?.range.start).toMatchObject({ line: 3, column: 13 });
  });

  it("finds the first use of a variable the compiler names, outside comments", () => {
    const text = "# @{nope} here is a comment\nprofile q {\n  /a/@{nope} r,\n}\n";
    const r = checker.checkFile("/work/q.profile", text);
    const m = new SourceMap({
      workspace: checker.workspace, program: r.program, root: "/work/q.profile", rootText: text, sentText: text,
      inputName: "/dev/stdin", cwd: "/work",
    });
    expect(m.variable("nope")?.range).toMatchObject({ start: { line: 3, column: 6 }, end: { line: 3, column: 13 } });
  });
});

describe("through the bridge, with any formatter", () => {
  it("an error the compiler reports in the normalized text lands on the user's line", async () => {
    // The fake compiler finds the rule in whatever text it is sent and reports that line, the way
    // apparmor_parser would; the original has it on line 7.
    const p = fakeParser(dir, "finds-chown",
      `n=$(grep -n 'capability chown' /dev/stdin | cut -d: -f1)\n`
      + `echo "AppArmor parser error for /dev/stdin in profile /dev/stdin at line $n: Invalid capability chown." >&2\nexit 1`);
    const file = writeFile(dir, "messy.profile", "profile p {\n    /a r,   /b r,\n\n\n\n\n      capability   chown,\n}\n");
    const r = await run(["load", "--skip-kernel", "--parser", p, "--format", "json", file]);
    expect(r.code).toBe(1);
    const [m] = JSON.parse(r.out)[0].messages;
    expect(m).toMatchObject({ ruleId: "apparmor-parser", line: 7, column: 7, message: "apparmor_parser: Invalid capability chown." });
  });

  it("places an error without a line at the rule it quotes", async () => {
    const p = fakeParser(dir, "regex", [
      `echo "$0: Regex grouping error: Invalid number of items between {}" >&2`,
      `echo "$0: Unable to parse input line '/b'" >&2`,
      `echo "ERROR processing regexs for profile p, failed to load" >&2`,
      "exit 1",
    ].join("\n"));
    const file = writeFile(dir, "regex.profile", "profile p {\n  /a r,\n  /b r,\n}\n");
    const r = await run(["load", "--skip-kernel", "--parser", p, "--format", "json", file]);
    const [m] = JSON.parse(r.out)[0].messages;
    expect(m).toMatchObject({ line: 3, column: 3 });
    expect(m.message).toBe(
      "apparmor_parser: Regex grouping error: Invalid number of items between {}; Unable to parse input line '/b'; "
      + "ERROR processing regexs for profile p, failed to load",
    );
  });
});

describe("aaprof check --with-parser", () => {
  it("reports a rejection aaprof did not make as an internal error", async () => {
    const p = fakeParser(dir, "rejects", [
      "case \"$1\" in --version) echo 'AppArmor parser version 9.9.9'; exit 0;; esac",
      `echo "AppArmor parser error for /dev/stdin in profile /dev/stdin at line 2: Invalid capability chown." >&2`,
      "exit 1",
    ].join("\n"));
    const file = writeFile(dir, "fine.profile", "profile p {\n  capability chown,\n}\n");
    const r = await run(["check", "--with-parser", "--parser", p, "--format", "json", file]);
    expect(r.code).toBe(2);
    const [m] = JSON.parse(r.out)[0].messages;
    expect(m).toMatchObject({ ruleId: "parser-disagreement", line: 2, column: 3 });
    expect(m.message).toContain("aaprof accepts the file but apparmor_parser 9.9.9 rejects it: Invalid capability chown.");
  });

  it("reports an acceptance of what aaprof rejects as an internal error", async () => {
    const p = fakeParser(dir, "accepts-all", "exit 0");
    const file = writeFile(dir, "bogus.profile", "profile p {\n  capability bogus,\n}\n");
    const r = await run(["check", "--with-parser", "--parser", p, "--format", "json", file]);
    expect(r.code).toBe(2);
    const messages = JSON.parse(r.out)[0].messages;
    expect(messages.map((m: { ruleId: string }) => m.ruleId)).toContain("parser-disagreement");
  });

  it("does not hand fragments to the compiler", async () => {
    const marker = `${dir}/fragment-was-run`;
    const p = fakeParser(dir, "records-fragment", `touch '${marker}'; exit 1`);
    const file = writeFile(dir, "rules-only", "/etc/hosts r,\n");
    const r = await run(["check", "--with-parser", "--parser", p, file]);
    expect(r.code).toBe(0);
    const { existsSync } = await import("node:fs");
    expect(existsSync(marker)).toBe(false);
  });
});

describe("constructs newer than the compiler", () => {
  it("orders versions numerically", () => {
    expect(compareVersions("3.0.8", "4.0")).toBe(-1);
    expect(compareVersions("4.0", "4.0.0")).toBe(0);
    expect(compareVersions("10.1", "9.9")).toBe(1);
  });

  it("finds the construct on an error's line, only when the compiler predates it", () => {
    const ast = parse("profile p {\n  /a r,\n  userns,\n  priority=1 /b r,\n}\n").ast;
    const uses = constructUses(ast);
    expect(tooNewAt(uses, 3, "3.0.8")).toMatchObject({ construct: "`userns` rules", since: "4.0" });
    expect(tooNewAt(uses, 4, "3.0.8")).toMatchObject({ since: "4.1" });
    expect(tooNewAt(uses, 4, "4.1.0")).toBeNull();
    expect(tooNewAt(uses, 2, "3.0.8")).toBeNull();
  });
});
