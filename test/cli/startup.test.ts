/**
 * The built CLI: bin/aaprof starts the bundle with the code cache recorded at build time (scripts/bundle.mjs).
 * A cache V8 rejects still runs, only slower, so nothing else would notice a build that stopped producing a
 * usable one.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const bundle = join(root, "dist", "aaprof.cjs");

describe("bin/aaprof", () => {
  it("has a code cache that this Node accepts for the built bundle", () => {
    const source = readFileSync(bundle, "utf8");
    const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
    const script = new vm.Script(wrapped, { filename: bundle, cachedData: readFileSync(`${bundle}.code-cache`) });
    expect(script.cachedDataRejected).toBe(false);
  });

  it("checks and formats through the bundle", () => {
    const profile = join(root, "fixtures", "profiles");
    const check = spawnSync(process.execPath, [join(root, "bin", "aaprof"), "check", profile], { encoding: "utf8" });
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
    const fmt = spawnSync(process.execPath, [join(root, "bin", "aaprof"), "fmt", "-"], {
      input: "profile p {\n/etc/hosts   r,\n}\n", encoding: "utf8",
    });
    expect(fmt.stderr).toBe("");
    expect(fmt.stdout).toBe("profile p {\n  /etc/hosts r,\n}\n");
  });
});
