/**
 * `aaprof lint`, `aaprof rules` and `aaprof explain` as a user runs them, on the fixtures in
 * fixtures/lint: exit codes as ESLint's, the four output formats, and the behaviour the issue pins down
 * (a tight daemon is clean under `recommended`; the Kubernetes tutorial's profile gets one finding).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";

const TREE = "fixtures/lint/tree";

async function run(args: string[], stdin = ""): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s), stdin: () => stdin });
  return { code, out, err };
}

describe("aaprof lint", () => {
  const scratch = mkdtempSync(join(tmpdir(), "aaprof-lint-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("a tightly confined daemon gets no finding under recommended (exit 0)", async () => {
    const r = await run(["lint", "--preset", "recommended", "-I", TREE, `${TREE}/usr.sbin.tinyd`]);
    expect(r.out).toBe("");
    expect(r.code).toBe(0);
  });

  it("the Kubernetes tutorial's profile gets exactly one finding, on `file,`", async () => {
    const r = await run(["lint", "--preset", "recommended", "-I", TREE, "-f", "json", `${TREE}/k8s-apparmor-example-deny-write`]);
    const [file] = JSON.parse(r.out) as { messages: { ruleId: string; line: number; column: number }[] }[];
    expect(file!.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([["file-no-allow-all", 6, 3]]);
    expect(r.code).toBe(1);
  });

  it("walking the fixture tree lints abstractions and tunables as fragments, and only the two bad profiles have findings", async () => {
    const r = await run(["lint", "--preset", "recommended", "-f", "json", TREE]);
    const files = JSON.parse(r.out) as { filePath: string; messages: unknown[] }[];
    expect(files.filter((f) => f.messages.length).map((f) => f.filePath)).toEqual([
      `${TREE}/k8s-apparmor-example-deny-write`,
      `${TREE}/usr.bin.legacy-sync`,
    ]);
    expect(files.map((f) => f.filePath)).toContain(`${TREE}/abstractions/base`);
  });

  it("stylish output has a code frame, the help line and the fix summary", async () => {
    const r = await run(["lint", "--preset", "recommended", "-I", TREE, `${TREE}/usr.bin.legacy-sync`]);
    expect(r.out).toContain("error[AA3201] exec-no-unconfined");
    expect(r.out).toMatch(/\n21 \|   \/usr\/bin\/rsync ux,\n\s+\|\s+\^\^\n/);
    expect(r.out).toContain("= help: suggestion: scrub the environment: `Ux`");
    expect(r.out).toMatch(/can be fixed with `aaprof lint --fix`/);
  });

  it("warnings alone exit 0, and 1 past --max-warnings", async () => {
    const f = join(scratch, "warn");
    writeFileSync(f, "abi <abi/4.0>,\ninclude <tunables/global>\nprofile w {\n  network,\n}\n");
    expect((await run(["lint", "-I", TREE, f])).code).toBe(0);
    expect((await run(["lint", "-I", TREE, "--max-warnings", "1", f])).code).toBe(0);
    const over = await run(["lint", "-I", TREE, "--max-warnings", "0", f]);
    expect(over.code).toBe(1);
    expect(over.out).toContain("too many warnings (maximum: 0)");
  });

  it("usage errors exit 2", async () => {
    expect((await run(["lint", "--max-warnings", "lots", "x"])).code).toBe(2);
    expect((await run(["lint", "--format", "xml", "x"])).code).toBe(2);
    expect((await run(["lint", "--preset", "lax", "x"])).code).toBe(2);
  });

  it("an invalid configuration exits 2", async () => {
    const dir = mkdtempSync(join(scratch, "cfg-"));
    writeFileSync(join(dir, "aaprof.config.json"), JSON.stringify({ rules: { nope: "error" } }));
    writeFileSync(join(dir, "p"), "profile p {\n}\n");
    const r = await run(["lint", join(dir, "p")]);
    expect(r.code).toBe(2);
    expect(r.out).toContain("unknown rule 'nope'");
  });

  it("reads the configuration found upward from each file, skips ignored files and the config files", async () => {
    const r = await run(["lint", "-f", "json", "fixtures/lint/config"]);
    const files = JSON.parse(r.out) as { filePath: string; messages: { ruleId: string; severity: number }[] }[];
    expect(files.map((f) => f.filePath)).toEqual(["fixtures/lint/config/strict-dir/usr.bin.fetch", "fixtures/lint/config/usr.bin.fetch"]);
    const [strict, top] = files;
    expect(top!.messages.map((m) => `${m.ruleId}:${m.severity}`).sort()).toEqual(["capability-no-dangerous:2", "network-no-allow-all:2"]);
    expect(strict!.messages.map((m) => m.ruleId)).toContain("profile-require-local-include");
  });

  it("--fix writes only fixes that keep the permissions, and reports what is left", async () => {
    const f = join(scratch, "fixme");
    copyFileSync(`${TREE}/usr.bin.legacy-sync`, f);
    const r = await run(["lint", "--fix", "--preset", "strict", "-I", TREE, f]);
    const fixed = readFileSync(f, "utf8");
    expect(fixed).toContain("include <tunables/global>");
    expect(fixed).not.toContain("#include");
    expect(fixed).toContain("/usr/bin/legacy-sync mr,");
    expect(fixed.match(/\/etc\/legacy-sync\/sync\.conf r,/g)).toBeNull();
    expect(fixed).toContain("@{PROC}/*/stat r,");
    // Access-changing suggestions are never applied.
    expect(fixed).toContain("/usr/bin/rsync ux,");
    expect(fixed).toContain("flags=(complain)");
    expect(r.code).toBe(1);
    const again = await run(["lint", "--fix", "--preset", "strict", "-I", TREE, f]);
    expect(readFileSync(f, "utf8")).toBe(fixed);
    expect(again.out).not.toMatch(/can be fixed/);
  });

  it("reads stdin with '-' and prints the fixed text instead of writing", async () => {
    const r = await run(["lint", "--fix", "--preset", "strict", "-I", TREE, "-"], "abi <abi/4.0>,\n#include <tunables/global>\nprofile s {\n  /a wr,\n  include if exists <local/s>\n}\n");
    expect(r.out.startsWith("abi <abi/4.0>,\ninclude <tunables/global>\nprofile s {\n  /a rw,\n")).toBe(true);
  });

  it("sarif output is SARIF 2.1.0 with rules, help and locations", async () => {
    const r = await run(["lint", "-f", "sarif", "-I", TREE, `${TREE}/usr.bin.legacy-sync`]);
    const log = JSON.parse(r.out);
    expect(log.version).toBe("2.1.0");
    const run0 = log.runs[0];
    const rules = run0.tool.driver.rules as { id: string; help: { text: string; markdown: string }; shortDescription: { text: string } }[];
    expect(rules.length).toBeGreaterThanOrEqual(25);
    for (const rule of rules.filter((x) => x.id.startsWith("AA3"))) {
      expect(rule.help.markdown).toContain("### Why is this bad?");
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
    }
    expect(run0.results.length).toBeGreaterThan(5);
    for (const res of run0.results) {
      expect(rules[res.ruleIndex]!.id).toBe(res.ruleId);
      const loc = res.locations[0].physicalLocation;
      expect(loc.region.startLine).toBeGreaterThan(0);
      expect(typeof loc.artifactLocation.uri).toBe("string");
      expect(["error", "warning"]).toContain(res.level);
    }
    const own = run0.results.find((x: { ruleId: string }) => x.ruleId === "AA3201");
    expect(own.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: `${TREE}/usr.bin.legacy-sync`, uriBaseId: "%SRCROOT%" },
      region: { startLine: 21, startColumn: 18, endLine: 21, endColumn: 20 },
    });
  });

  it("github output is one workflow command per finding", async () => {
    const r = await run(["lint", "-f", "github", "-I", TREE, `${TREE}/k8s-apparmor-example-deny-write`]);
    expect(r.out).toMatch(/^::error file=fixtures\/lint\/tree\/k8s-apparmor-example-deny-write,line=6,col=3,endLine=6,endColumn=8,title=AA3110 file-no-allow-all::`file,` grants every file permission/);
    expect(r.out.trim().split("\n")).toHaveLength(1);
  });
});

describe("aaprof rules and explain", () => {
  it("lists at least 25 rules with code, name, severity and fixability", async () => {
    const r = await run(["rules", "--format", "json"]);
    const rules = JSON.parse(r.out) as { code: string; name: string; severity: string; fixable: string | null; presets: Record<string, string> }[];
    expect(rules.length).toBeGreaterThanOrEqual(25);
    expect(new Set(rules.map((x) => x.code)).size).toBe(rules.length);
    expect(new Set(rules.map((x) => x.name)).size).toBe(rules.length);
    for (const x of rules) {
      expect(x.code).toMatch(/^AA3\d{3}$/);
      expect(x.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
      expect(["error", "warning", "off"]).toContain(x.severity);
      expect(Object.keys(x.presets)).toEqual(["recommended", "strict", "apparmor.d", "container"]);
    }
    const text = await run(["rules"]);
    expect(text.out).toMatch(/^code\s+name\s+recommended\s+strict\s+apparmor\.d\s+container\s+fixable\n/);
  });

  it("explains a rule by code or name", async () => {
    const byCode = await run(["explain", "AA3110"]);
    const byName = await run(["explain", "file-no-allow-all"]);
    expect(byCode.out).toBe(byName.out);
    for (const section of ["What it does", "Why is this bad?", "Example", "Use instead"]) expect(byCode.out).toContain(section);
    const unknown = await run(["explain", "AA0000"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("no lint rule 'AA0000'");
  });
});
