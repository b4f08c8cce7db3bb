/**
 * The Prettier plugin: the same printer as `aaprof fmt`, through Prettier's API and its CLI, loaded by path
 * and by package name (`--plugin aaprof/prettier`, from a project that depends on aaprof).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as prettier from "prettier";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { File, Item } from "../../src/ast/nodes.js";
import { formatText } from "../../src/format/index.js";
import plugin, { languages, parsers, printers } from "../../src/format/prettier-plugin.js";

const ROOT = join(import.meta.dirname, "..", "..");
const BUILT = join(ROOT, "dist", "src", "format", "prettier-plugin.js");
const PRETTIER = join(ROOT, "node_modules", "prettier", "bin", "prettier.cjs");
const input = readFileSync(join(ROOT, "fixtures", "format", "comments.input.aa"), "utf8");
const expected = readFileSync(join(ROOT, "fixtures", "format", "comments.output.aa"), "utf8");

describe("the plugin object", () => {
  it("exports languages, parsers and printers", () => {
    expect(languages[0]!.parsers).toEqual(["aaprof"]);
    expect(parsers.aaprof.astFormat).toBe("aaprof");
    expect(printers.aaprof.print).toBeTypeOf("function");
  });

  it("has real locStart/locEnd: each rule's range is its own text", async () => {
    const text = "profile p {\n  /etc/a r,\n  capability chown,\n}\n";
    const ast = (await parsers.aaprof.parse(text, {} as never)) as File;
    const profile = ast.body[0] as Extract<Item, { type: "Profile" }>;
    const slice = (n: Item) => text.slice(parsers.aaprof.locStart(n), parsers.aaprof.locEnd(n));
    expect(profile.body.map(slice)).toEqual(["/etc/a r,", "capability chown,"]);
    expect(slice(profile)).toBe(text.trimEnd());
  });

  it("formats through prettier.format exactly as formatText does", async () => {
    const viaPrettier = await prettier.format(input, { parser: "aaprof", plugins: [plugin] });
    expect(viaPrettier).toBe(expected);
    const viaAaprof = await formatText(input);
    expect(viaAaprof).toEqual({ ok: true, text: viaPrettier });
  });

  it("is picked for installed profiles by their place in an apparmor.d tree", () => {
    const supported = languages[0]!.isSupported!;
    expect(supported({ filepath: "/etc/apparmor.d/usr.sbin.dnsmasq" })).toBe(true);
    expect(supported({ filepath: "/etc/apparmor.d/abi/4.0" })).toBe(false);
    expect(supported({ filepath: "/home/me/notes.txt" })).toBe(false);
  });
});

describe.skipIf(!existsSync(BUILT))("the Prettier CLI", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "aaprof-prettier-"));
    writeFileSync(join(dir, "app.profile"), input);
    writeFileSync(join(dir, "broken.profile"), "profile b {\n  /etc/b r\n}\n");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("formats with --plugin ./dist/src/format/prettier-plugin.js", () => {
    const out = execFileSync("node", [PRETTIER, "--plugin", "./dist/src/format/prettier-plugin.js", join(dir, "app.profile")], {
      cwd: ROOT, encoding: "utf8",
    });
    expect(out).toBe(expected);
  });

  it("reports a profile that does not parse and exits 2", () => {
    const r = spawnSync("node", [PRETTIER, "--plugin", "./dist/src/format/prettier-plugin.js", join(dir, "broken.profile")], {
      cwd: ROOT, encoding: "utf8",
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("expected ',' at the end of the file rule");
  });

  it("formats with --plugin aaprof/prettier from a project that depends on aaprof", () => {
    const project = join(dir, "project");
    mkdirSync(join(project, "node_modules"), { recursive: true });
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "uses-aaprof", private: true, dependencies: { aaprof: "*" } }));
    symlinkSync(ROOT, join(project, "node_modules", "aaprof"), "dir");
    writeFileSync(join(project, "app.profile"), input);
    const out = execFileSync("node", [PRETTIER, "--plugin", "aaprof/prettier", "app.profile"], { cwd: project, encoding: "utf8" });
    expect(out).toBe(expected);
    const sorted = execFileSync("node", [PRETTIER, "--plugin", "aaprof/prettier", "--aaprof-sort", "app.profile"], {
      cwd: project, encoding: "utf8",
    });
    expect(sorted).toContain("include <abstractions/base>");
  });
});
