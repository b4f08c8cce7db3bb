/**
 * The bridge against the installed apparmor_parser, compiling only (--skip-kernel): no root and no AppArmor
 * kernel needed. Debian's 3.0.8 predates `userns`, `priority=` and `mqueue`, which aaprof accepts, so those
 * fixtures show a real compiler error mapped back to the user's line.
 */
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadCommand } from "../../src/cli/load.js";
import { fakeParser, fixtures, realParser, realParserNote, run, scratch, writeFile } from "./helpers.js";

const dir = scratch("load-real");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

if (!realParser) console.warn(`test/load: ${realParserNote}`);

/** The bridge tests run in the repository root; fixture includes resolve through -I. */
const withFixtures = ["-I", fixtures];

describe.skipIf(!realParser)(realParserNote, () => {
  it("compiles a valid profile", async () => {
    const r = await run(["load", "--skip-kernel", ...withFixtures, join(fixtures, "valid.profile")]);
    expect(r.out).toContain("compiled by apparmor_parser");
    expect(r.code).toBe(0);
  });

  it("maps the rejection of a newer construct to its line and names the construct", async () => {
    const file = join(fixtures, "userns.profile");
    const r = await run(["load", "--skip-kernel", "--format", "json", ...withFixtures, file]);
    expect(r.code).toBe(2);
    const [result] = JSON.parse(r.out);
    expect(result.messages).toHaveLength(1);
    const m = result.messages[0];
    expect(m).toMatchObject({ ruleId: "parser-too-old", line: 6, column: 3 });
    expect(m.message).toContain("`userns` rules");
    // The compiler's own words are kept.
    expect(m.message).toContain("syntax error, unexpected TOK_END_OF_RULE");
  });

  it("maps a line of the normalized text back to the line the user wrote", async () => {
    // The formatter splits line 3's two rules, so the compiler reports line 6; the user wrote it on line 5.
    const r = await run(["load", "--skip-kernel", "--format", "json", ...withFixtures, join(fixtures, "priority.profile")]);
    const m = JSON.parse(r.out)[0].messages[0];
    expect(m).toMatchObject({ ruleId: "parser-too-old", line: 5, column: 3 });
    expect(m.message).toContain("priority=");
  });

  it("reports an error inside an included file there, with the include chain", async () => {
    const file = join(fixtures, "with-include.profile");
    const r = await run(["load", "--skip-kernel", ...withFixtures, file]);
    expect(r.code).toBe(2);
    expect(r.out).toContain(`${join(fixtures, "abstractions", "aaprof-broken")}:3:3`);
    expect(r.out).toContain(`included from ${file}:3:11`);
    expect(r.out).toContain("`mqueue` rules");
  });

  it("keeps an ordinary compiler error in the compiler's words, with exit 1", async () => {
    // 3.0.8 dropped the `debug` flag that later releases accept again: not a construct it is too old for.
    const p = writeFile(dir, "debug.profile", "profile p flags=(debug) {\n  /a r,\n}\n");
    const r = await run(["load", "--skip-kernel", "--format", "json", p]);
    expect(r.code).toBe(1);
    const m = JSON.parse(r.out)[0].messages;
    expect(m).toEqual([expect.objectContaining({
      ruleId: "apparmor-parser", line: 1, column: 1, message: "apparmor_parser: Profile flag 'debug' is no longer valid.",
    })]);
  });

  it("aaprof check --with-parser agrees with the compiler on the valid fixture", async () => {
    const r = await run(["check", "--with-parser", ...withFixtures, join(fixtures, "valid.profile")]);
    expect(r.out).toBe("");
    expect(r.code).toBe(0);
  });

  it("aaprof check --with-parser calls a too-old compiler a warning, not a disagreement", async () => {
    const r = await run(["check", "--with-parser", "--format", "json", ...withFixtures, join(fixtures, "userns.profile")]);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.out)[0].messages;
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ ruleId: "parser-too-old", severity: 1, line: 6 });
  });

  it("--dry-run prints the exact command and the normalized text", async () => {
    const r = await run(["load", "--dry-run", "--skip-kernel", ...withFixtures, join(fixtures, "priority.profile")]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`${realParser} -r -QK -I ${fixtures} /dev/stdin <<'AAPROF_EOF'\n`);
    expect(r.out).toContain("  priority=10 deny /etc/aaprof-load/secret w,\n}\nAAPROF_EOF\n");
  });

  const canDropRoot = process.getuid?.() === 0 && existsSync("/usr/bin/setpriv");
  it.skipIf(!canDropRoot)("turns the real compiler's refusal to load without root into not-permitted", async () => {
    // The compiler run as nobody, on a machine that (as far as the bridge is told) has AppArmor enabled.
    const p = fakeParser(dir, "as-nobody", `exec /usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups ${realParser} "$@"`);
    const enabled = writeFile(dir, "enabled", "Y\n");
    let out = "";
    const io = { out: (s: string) => (out += s), err: () => {}, stdin: () => "" };
    const code = await loadCommand(
      [join(fixtures, "valid.profile")], { include: [fixtures], format: "json", parser: p }, io,
      { kernelEnabledPath: enabled },
    );
    expect(code).toBe(2);
    const [m] = JSON.parse(out)[0].messages;
    expect(m.ruleId).toBe("not-permitted");
    expect(m.message).toContain("You need root privileges");
  });
});
