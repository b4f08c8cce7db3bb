import { describe, expect, it } from "vitest";
import { catalogue } from "../../src/lint/catalogue.js";
import { buildConfig, ConfigLoader } from "../../src/lint/config.js";
import { Linter } from "../../src/lint/engine.js";
import { memoryFs } from "../helpers.js";
import { environment, profile } from "./helpers.js";

const names = (cfg: ReturnType<typeof buildConfig>) =>
  cfg.ok ? [...cfg.config.rules].map(([r, s]) => `${r.meta.name}=${s.severity}`).sort() : [cfg.message];

describe("lint configuration", () => {
  it("defaults to the recommended preset", () => {
    const cfg = buildConfig({}, null, "/", catalogue);
    expect(cfg.ok && cfg.config.rules.size).toBe(catalogue.preset("recommended").size);
  });

  it("every preset enables at least the allow-everything rules", () => {
    for (const p of ["recommended", "strict", "apparmor.d", "container"] as const) {
      expect([...catalogue.preset(p).keys()].map((r) => r.meta.name)).toContain("file-no-allow-all");
    }
  });

  it("sets severities by name or code, turns rules off, and validates options", () => {
    const cfg = buildConfig({
      extends: [],
      rules: { "file-no-allow-all": "warn", AA3120: ["error", { minRank: 8 }], "rule-no-covered": 0 },
    }, null, "/", catalogue);
    expect(names(cfg)).toEqual(["capability-no-dangerous=error", "file-no-allow-all=warning"]);
    expect(cfg.ok && [...cfg.config.rules.values()].find((s) => s.options["minRank"])?.options).toEqual({ minRank: 8 });
  });

  it("later presets override earlier ones", () => {
    const cfg = buildConfig({ extends: ["recommended", "apparmor.d"] }, null, "/", catalogue);
    expect(names(cfg)).toContain("include-no-legacy-syntax=error");
    expect(names(cfg)).not.toContain("profile-no-complain-mode=warning");
  });

  it.each([
    [{ extends: "nope" }, /unknown preset/],
    [{ rules: { "no-such-rule": "error" } }, /unknown rule 'no-such-rule'/],
    [{ rules: { "file-no-allow-all": "loud" } }, /severity must be/],
    [{ rules: { AA3120: ["error", { minRank: 11 }] } }, /at most 10/],
    [{ rules: { AA3120: ["error", { rank: 1 }] } }, /no option 'rank'/],
    [{ include: "dir" }, /include must be a list/],
    [{ ignorePatterns: ["!!keep"] }, /negated once/],
    [{ colour: true }, /unknown key 'colour'/],
    [[], /must be a JSON object/],
  ])("rejects %j", (raw, message) => {
    const cfg = buildConfig(raw, "/x/aaprof.config.json", "/x", catalogue);
    expect(cfg.ok).toBe(false);
    expect(!cfg.ok && cfg.message).toMatch(message);
  });

  it("finds the nearest aaprof.config.json or .aaprofrc.json upward from each file", () => {
    const fs = memoryFs({
      "/repo/aaprof.config.json": JSON.stringify({ extends: "strict" }),
      "/repo/k8s/.aaprofrc.json": JSON.stringify({ extends: "container" }),
      "/repo/k8s/deep/x": "",
      "/repo/y": "",
    });
    const loader = new ConfigLoader(fs, catalogue);
    const at = (p: string) => {
      const c = loader.forFile(p);
      return c.ok ? c.config.file : c.message;
    };
    expect(at("/repo/y")).toBe("/repo/aaprof.config.json");
    expect(at("/repo/k8s/deep/x")).toBe("/repo/k8s/.aaprofrc.json");
    expect(at("/elsewhere/z")).toBe(null);
  });

  it("reports a configuration that is not JSON as a config error on the file", () => {
    const fs = memoryFs({ ...environment(), "/r/aaprof.config.json": "{ nope", "/r/p": profile("  /a r,") });
    const r = new Linter({ cwd: "/r", fs, includeDirs: ["/inc"] }).lintFile("/r/p");
    expect(r.configError).toBe(true);
    expect(r.diagnostics[0]!.message).toMatch(/not valid JSON/);
  });

  it("uses the configuration's include bases, relative to the configuration file", () => {
    const files: Record<string, string> = {};
    for (const [k, v] of Object.entries(environment())) files[k.replace("/inc/", "/r/policy/")] = v;
    files["/r/aaprof.config.json"] = JSON.stringify({ include: ["policy"] });
    files["/r/p"] = profile("  include <abstractions/base>\n  file,");
    const r = new Linter({ cwd: "/r", fs: memoryFs(files) }).lintFile("/r/p");
    expect(r.diagnostics.map((d) => d.code)).toEqual(["AA3110"]);
  });

  it("ignore patterns skip files and silence findings located in matching included files", () => {
    const files = {
      ...environment(),
      "/r/aaprof.config.json": JSON.stringify({ include: ["/inc"], ignorePatterns: ["vendor/", "/inc/abstractions/noisy"] }),
      "/r/vendor/p": profile("  file,"),
      "/inc/abstractions/noisy": "/** w,\n",
      "/r/q": profile("  include <abstractions/noisy>\n  capability,"),
    };
    const linter = new Linter({ cwd: "/r", fs: memoryFs(files) });
    expect(linter.lintFile("/r/vendor/p").ignored).toBe(true);
    expect(linter.lintFile("/r/q").diagnostics.map((d) => d.code)).toEqual(["AA3111"]);
    // A pattern without a slash matches at any depth below the configuration only.
    const files2 = { ...files, "/r/aaprof.config.json": JSON.stringify({ include: ["/inc"], ignorePatterns: ["noisy"] }) };
    const linter2 = new Linter({ cwd: "/r", fs: memoryFs(files2) });
    expect(linter2.lintFile("/r/q").diagnostics.map((d) => d.code).sort()).toEqual(["AA3101", "AA3111"]);
  });

  it("a negated ignore pattern takes paths back, and the last matching pattern decides", () => {
    const files = {
      ...environment(),
      "/r/aaprof.config.json": JSON.stringify({ include: ["/inc"], ignorePatterns: ["vendor/", "!vendor/ours*", "vendor/ours-old"] }),
      "/r/vendor/theirs": profile("  file,"),
      "/r/vendor/ours": profile("  file,"),
      "/r/vendor/ours-old": profile("  file,"),
    };
    const linter = new Linter({ cwd: "/r", fs: memoryFs(files) });
    expect(linter.lintFile("/r/vendor/theirs").ignored).toBe(true);
    const ours = linter.lintFile("/r/vendor/ours");
    expect(ours.ignored).not.toBe(true);
    expect(ours.diagnostics.map((d) => d.code)).toEqual(["AA3110"]);
    expect(linter.lintFile("/r/vendor/ours-old").ignored).toBe(true);
  });
});
