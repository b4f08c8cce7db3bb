/**
 * Each way the compiler can be missing, unusable or unwilling gets its own error and exit status 2; these
 * use fake compilers (small shell scripts), so they run everywhere.
 */
import { chmodSync, existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadCommand, type LoadCliOptions } from "../../src/cli/load.js";
import { fakeParser, fixtures, run, scratch, writeFile } from "./helpers.js";

const dir = scratch("load-env");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const profile = writeFile(dir, "p.profile", "profile p {\n  /etc/hosts r,\n}\n");

function json(out: string): { ruleId: string; message: string; line: number; column: number; severity: number }[] {
  return JSON.parse(out).flatMap((f: { messages: unknown[] }) => f.messages);
}

describe("the compiler cannot be found or run", () => {
  it("a missing --parser binary says it is not installed and which package has it", async () => {
    const r = await run(["load", "--skip-kernel", "--parser", join(dir, "nope", "apparmor_parser"), "--format", "json", profile]);
    expect(r.code).toBe(2);
    const [m] = json(r.out);
    expect(m!.ruleId).toBe("parser-not-installed");
    expect(m!.message).toContain(join(dir, "nope", "apparmor_parser"));
  });

  it("no apparmor_parser anywhere names the package to install", async () => {
    const opts: LoadCliOptions = { include: [], format: "stylish", skipKernel: true };
    let out = "";
    const io = { out: (s: string) => (out += s), err: () => {}, stdin: () => "" };
    const code = await loadCommand([profile], opts, io, { searchPath: "", defaultLocations: [] });
    expect(code).toBe(2);
    expect(out).toContain("apparmor_parser is not installed");
    expect(out).toContain("`apparmor` package on Debian and Ubuntu");
  });

  it("a --parser that is not executable says so", async () => {
    const p = writeFile(dir, "not-executable", "#!/bin/sh\nexit 0\n");
    chmodSync(p, 0o644);
    const r = await run(["load", "--skip-kernel", "--parser", p, "--format", "json", profile]);
    expect(r.code).toBe(2);
    const [m] = json(r.out);
    expect(m!.ruleId).toBe("parser-not-executable");
    expect(m!.message).toContain("not executable");
  });

  it("a compiler that hangs is stopped at the timeout", async () => {
    const p = fakeParser(dir, "hangs", "exec sleep 30");
    const started = Date.now();
    const r = await run(["load", "--skip-kernel", "--parser", p, "--timeout", "0.5", "--format", "json", profile]);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.code).toBe(2);
    const [m] = json(r.out);
    expect(m!.ruleId).toBe("parser-timeout");
    expect(m!.message).toContain("within 0.5 s");
  });

  it("a crash is reported as one, with what the compiler said last", async () => {
    const p = fakeParser(dir, "crashes", 'echo "about to fall over" >&2; kill -SEGV $$');
    const r = await run(["load", "--skip-kernel", "--parser", p, "--format", "json", profile]);
    expect(r.code).toBe(2);
    const [m] = json(r.out);
    expect(m!.ruleId).toBe("parser-failed");
    expect(m!.message).toMatch(/killed by SIGSEGV: about to fall over/);
  });
});

describe("loading into the kernel", () => {
  const accepts = fakeParser(dir, "accepts", "exit 0");
  const bridge = (enabled: string | null) => {
    const path = join(dir, `enabled-${enabled ?? "missing"}`);
    if (enabled !== null) writeFile(dir, `enabled-${enabled}`, `${enabled}\n`);
    return { kernelEnabledPath: path };
  };
  const load = async (extra: object, args: Partial<LoadCliOptions> = {}) => {
    let out = "";
    const io = { out: (s: string) => (out += s), err: () => {}, stdin: () => "" };
    const opts: LoadCliOptions = { include: [], format: "json", parser: accepts, ...args };
    const code = await loadCommand([profile], opts, io, extra);
    return { code, out };
  };

  it("needs AppArmor in the kernel", async () => {
    const r = await load(bridge(null));
    expect(r.code).toBe(2);
    expect(json(r.out)[0]).toMatchObject({ ruleId: "apparmor-disabled" });
    expect(json(r.out)[0]!.message).toContain("does not exist");
  });

  it("says so when AppArmor is there but disabled", async () => {
    const r = await load(bridge("N"));
    expect(r.code).toBe(2);
    expect(json(r.out)[0]!.message).toContain("disabled");
  });

  it("loads when the kernel has AppArmor and the compiler accepts", async () => {
    const r = await load(bridge("Y"));
    expect(r.code).toBe(0);
    expect(json(r.out)[0]!).toBeUndefined();
  });

  it("turns the compiler's refusal to run without root into a not-permitted error", async () => {
    const p = fakeParser(dir, "not-root", `echo "$0: Sorry. You need root privileges to run this program." >&2; echo >&2; exit 1`);
    const r = await load(bridge("Y"), { parser: p });
    expect(r.code).toBe(2);
    const [m] = json(r.out);
    expect(m!.ruleId).toBe("not-permitted");
    expect(m!.message).toContain("You need root privileges");
  });

  it("--skip-kernel does not look at the kernel", async () => {
    const r = await load(bridge(null), { skipKernel: true });
    expect(r.code).toBe(0);
  });
});

describe("what is handed on", () => {
  it("never hands on a profile with check errors", async () => {
    const marker = join(dir, "was-run");
    const p = fakeParser(dir, "records", `touch '${marker}'; exit 0`);
    const bad = writeFile(dir, "bad.profile", "profile p {\n  capability bogus,\n}\n");
    const r = await run(["load", "--skip-kernel", "--parser", p, "--format", "json", bad]);
    expect(r.code).toBe(1);
    expect(json(r.out)[0]!.message).toContain("bogus");
    expect(existsSync(marker)).toBe(false);
  });

  it("passes the mode, -QK, the include bases and /dev/stdin as an argument array", async () => {
    const argsFile = join(dir, "args-seen");
    const p = fakeParser(dir, "args", `for a in "$@"; do printf '%s\\n' "$a"; done > '${argsFile}'; cat > '${argsFile}.stdin'`);
    for (const [flag, letter] of [["--replace", "-r"], ["--add", "-a"], ["--remove", "-R"]] as const) {
      const r = await run(["load", flag, "--skip-kernel", "--parser", p, "-I", fixtures, "-I", "dir with space", profile]);
      expect(r.code).toBe(0);
      const { readFileSync } = await import("node:fs");
      expect(readFileSync(argsFile, "utf8")).toBe(`${letter}\n-QK\n-I\n${fixtures}\n-I\ndir with space\n/dev/stdin\n`);
      expect(readFileSync(`${argsFile}.stdin`, "utf8")).toBe("profile p {\n  /etc/hosts r,\n}\n");
    }
  });

  it("rejects two modes at once as a usage error", async () => {
    const r = await run(["load", "--add", "--remove", profile]);
    expect(r.code).toBe(2);
  });
});
