/**
 * Same policy: Debian's apparmor_parser compiles each of Debian's profiles (apparmor-profiles,
 * apparmor-profiles-extra) from the installed tree and from formatted copies of it; the binary policy must
 * be byte-identical, in the default layout and with --sort. Skipped where the compiler or the profiles are
 * not installed (.ci/run installs both).
 */
import { describe, expect, it } from "vitest";
import { tmpdir } from "node:os";
import { APPARMOR_PARSER, comparePolicy, compileText, debianTrees } from "./policy.js";

const trees = debianTrees();
const ready = APPARMOR_PARSER !== null && trees.length > 0;

describe.skipIf(!ready)("compiled policy of Debian's profiles", () => {
  it("differs when the rules differ (the comparison is not vacuous)", async () => {
    const a = await compileText("profile p {\n  /etc/p r,\n}\n", "/etc/apparmor.d", tmpdir());
    const b = await compileText("profile p {\n  /etc/p rw,\n}\n", "/etc/apparmor.d", tmpdir());
    expect(a?.length).toBeGreaterThan(0);
    expect(a!.equals(b!)).toBe(false);
  });

  it("is unchanged by formatting, with and without --sort", async () => {
    const [plain, sorted] = await comparePolicy(trees, [false, true]);
    for (const r of [plain!, sorted!]) {
      expect(r.mismatches).toEqual([]);
      expect(r.compared).toBeGreaterThan(0);
      expect(r.same).toBe(r.compared);
    }
  }, 600_000);
});

it.runIf(!ready)("compiled policy: skipped (needs apparmor_parser and Debian's profiles)", () => {
  console.warn("same-policy test skipped: apparmor_parser or /etc/apparmor.d/tunables is missing");
});
