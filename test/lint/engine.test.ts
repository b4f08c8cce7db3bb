/**
 * The engine's contract: compiler diagnostics are part of the result, findings of an included file are
 * reported once per run at their own location with the include chain, fixes never change access, and a
 * crashing rule becomes an internal error instead of a crash.
 */
import { describe, expect, it } from "vitest";
import { makeCatalogue, ALL_RULES } from "../../src/lint/catalogue.js";
import { Linter } from "../../src/lint/engine.js";
import { defineRule } from "../../src/lint/rule.js";
import { memoryFs } from "../helpers.js";
import { environment, lintText, profile } from "./helpers.js";

const recommended = { extends: ["recommended"] };

describe("lint engine", () => {
  it("reports syntax errors as ESLint reports parse errors, and runs no rule on the file", () => {
    const { diagnostics } = lintText("profile t {\n  file,\n  /etc/x r\n}\n", { config: recommended });
    expect(diagnostics.some((d) => d.code.startsWith("AA1"))).toBe(true);
    expect(diagnostics.some((d) => d.code.startsWith("AA3"))).toBe(false);
  });

  it("reports the compiler's check errors next to lint findings", () => {
    const { diagnostics } = lintText(profile("  @{NOPE}/x r,\n  file,"), { config: recommended });
    expect(diagnostics.map((d) => d.code).sort()).toEqual(["AA2040", "AA3110"]);
  });

  it("reports a finding of an included abstraction once per run, at its own location, with the include chain", () => {
    const files = {
      ...environment(),
      "/inc/abstractions/wide": "  /srv/** rwm,\n",
      "/work/a": profile("  include <abstractions/wide>", "profile a"),
      "/work/b": profile("  include <abstractions/wide>", "profile b"),
    };
    const linter = new Linter({ cwd: "/work", fs: memoryFs(files), includeDirs: ["/inc"], config: recommended });
    const a = linter.lintFile("/work/a").diagnostics;
    const b = linter.lintFile("/work/b").diagnostics;
    expect(a.map((d) => [d.code, d.file, d.range.start.line])).toEqual([["AA3206", "/inc/abstractions/wide", 1]]);
    expect(a[0]!.related).toEqual([{ file: "/work/a", range: expect.anything(), message: "included from here" }]);
    expect(b).toEqual([]);
  });

  it("lints an abstraction on its own with the standard variables of tunables/global", () => {
    const { diagnostics } = lintText("owner @{HOME}/.config/x/** rw,\n@{HOME}/.ssh/** r,\n", { path: "/work/abstractions/x", config: recommended });
    expect(diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([["AA3301", 2]]);
  });

  it("--fix applies only fixes that keep the granted permissions the same", () => {
    const text = profile("  /etc/a r,\n  /etc/a r,\n  /usr/bin/x ux,\n  /etc/b rw,", "profile t flags=(complain)");
    const { result } = lintText(text, { config: { extends: ["strict"] }, fix: true });
    expect(result.output).toBe(profile("  /etc/a r,\n  /usr/bin/x ux,\n  /etc/b rw,\n\n  include if exists <local/profile>".replace(/\n\n  include.*$/, ""), "profile t flags=(complain)"));
    // The suggestions (Ux, remove complain, add a local include) are shown, not applied.
    expect(result.diagnostics.filter((d) => d.suggestions?.length).map((d) => d.code).sort()).toEqual(["AA3201", "AA3501", "AA3706"]);
  });

  it("fixes in several passes until nothing is left to fix", () => {
    const { result } = lintText(profile("  /a wr,\n  /a rw,"), { config: { extends: [], rules: { "file-permission-order": "error", "rule-no-duplicate": "error" } }, fix: true });
    expect(result.output).toBe(profile("  /a rw,"));
    expect(result.diagnostics).toEqual([]);
  });

  it("turns a crashing rule into an internal error and keeps going", () => {
    const boom = defineRule({
      meta: { ...ALL_RULES[5]!.meta, code: "AA3999", name: "test-boom", presets: { recommended: "error" } },
      create: () => ({ FileRule() { throw new Error("boom"); } }),
    });
    const cat = makeCatalogue([...ALL_RULES, boom]);
    const fs = memoryFs({ ...environment(), "/work/p": profile("  /a r,\n  /b r,\n  capability,") });
    const r = new Linter({ cwd: "/work", fs, includeDirs: ["/inc"], config: recommended, catalogue: cat }).lintFile("/work/p");
    expect(r.internalError).toBe(true);
    expect(r.diagnostics.map((d) => d.code).sort()).toEqual(["AA3111", "AA9999"]);
  });

  it("judges an included rule again for a profile that denies something else, and once per denial", () => {
    const files = {
      ...environment(),
      "/inc/abstractions/home": "  owner @{HOME}/** r,\n",
      "/work/guarded": profile("  include <abstractions/home>\n  deny @{HOME}/.ssh/** rw,\n  deny @{HOME}/.gnupg/** rw,", "profile guarded"),
      "/work/guarded2": profile("  deny @{HOME}/.gnupg/** rw,\n  include <abstractions/home>\n  deny @{HOME}/.ssh/** rw,", "profile guarded2"),
      "/work/open": profile("  include <abstractions/home>", "profile open"),
    };
    const linter = new Linter({ cwd: "/work", fs: memoryFs(files), includeDirs: ["/inc"], config: recommended });
    const secrets = (path: string) => linter.lintFile(path).diagnostics.filter((d) => d.code === "AA3301");
    expect(secrets("/work/guarded")).toEqual([]);
    expect(secrets("/work/guarded2")).toEqual([]);
    const open = secrets("/work/open");
    expect(open.map((d) => [d.file, d.range.start.line])).toEqual([["/inc/abstractions/home", 1]]);
    expect(open[0]!.related?.[0]).toMatchObject({ file: "/work/open", message: "included from here" });
  });

  it("judges an included rule that uses a per-profile variable in every profile", () => {
    const files = {
      ...environment(),
      "/inc/abstractions/named": "  /home/@{profile_name}/.ssh/** r,\n",
      "/work/other": profile("  include <abstractions/named>", "profile other"),
      "/work/user": profile("  include <abstractions/named>", "profile user"),
    };
    const linter = new Linter({ cwd: "/work", fs: memoryFs(files), includeDirs: ["/inc"], config: recommended });
    const secrets = (path: string) => linter.lintFile(path).diagnostics.filter((d) => d.code === "AA3301");
    expect(secrets("/work/other")).toEqual([]);
    expect(secrets("/work/user").map((d) => d.file)).toEqual(["/inc/abstractions/named"]);
  });

  it("never throws on hostile input", () => {
    const inputs = ["", "{{{{", "profile", "profile x { /a rwzq, }", "\u0000", "profile x { deny /** w, capability, } }}}", "@{A}=@{A}\nprofile x { @{A} r, }"];
    for (const t of inputs) expect(() => lintText(t, { config: { extends: ["strict"] } })).not.toThrow();
  });
});
