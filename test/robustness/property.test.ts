/**
 * Property tests: whatever the input, every phase returns a result — no exception, no hang.
 * Bounded to a few seconds; the long run is `npm run fuzz`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "../../src/ast/parse.js";
import { fuzzTargets } from "../fuzz/targets.js";
import { check } from "../helpers.js";
import { applyMutation, SPLICES, type Mutation } from "./mutate.js";

const root = join(import.meta.dirname, "..", "..");
const seeds = ["syntax", "profiles"].flatMap((d) => {
  const dir = join(root, "fixtures", d);
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath, e.name), "utf8"));
});

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("duplicateLine" as const), line: fc.nat() }),
  fc.record({ kind: fc.constant("deleteLine" as const), line: fc.nat() }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: fc.constantFrom(...SPLICES) }),
  fc.record({ kind: fc.constant("nest" as const), at: fc.nat(), depth: fc.integer({ min: 1, max: 2000 }), open: fc.constantFrom("{", "(", "{a,", "not ") }),
  fc.record({ kind: fc.constant("hugeToken" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20000 }), ch: fc.constantFrom("a", "/", "{", ",") }),
);

/** Text assembled from the tokens that switch the scanner between its states. */
const tokenSoup = fc.array(fc.constantFrom(...SPLICES, " ", "\n", "/x", "rw", "capability", "ptrace", "signal", "unix"), { maxLength: 200 })
  .map((parts) => parts.join(""));

describe("no input makes a phase throw", () => {
  it("mutated fixtures: parse and check return diagnostics", () => {
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 4 }), (seed, ms) => {
        const text = ms.reduce(applyMutation, seed);
        expect(() => parse(text)).not.toThrow();
        expect(Array.isArray(check(text))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it("token soup: parse and check return diagnostics", () => {
    fc.assert(
      fc.property(tokenSoup, (text) => {
        expect(() => parse(text)).not.toThrow();
        expect(Array.isArray(check(text))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("arbitrary unicode text", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (text) => {
      expect(Array.isArray(check(text))).toBe(true);
    }), { numRuns: 200 });
  });
});

describe("regression fixtures recorded by the fuzzer", () => {
  const dir = join(root, "fixtures", "regressions");
  const cases = readdirSync(dir).filter((f) => f.endsWith(".profile"));
  // Each input is replayed through what the fuzzer ran it through (check, fragment check, lint --fix, fmt twice);
  // an input that hung before now runs into the test timeout instead.
  it.skipIf(cases.length === 0).each(cases)("%s now gets a result from every phase", async (name) => {
    const text = readFileSync(join(dir, name), "utf8");
    for (const [phase, run] of fuzzTargets) {
      await expect(Promise.resolve().then(() => run(text)), `${phase} on ${name}`).resolves.not.toThrow();
    }
  });
});

describe("pathological globs and variables end in a result, not an exhausted heap", () => {
  it("an alternation nested 1,000 deep is an error", () => {
    const deep = "{a,".repeat(1000) + "z" + "}".repeat(1000);
    expect(check(`profile p {\n  /x/${deep} r,\n}\n`).map((d) => d.message)).toEqual([
      "Regex grouping error: Exceeded maximum nesting of {}",
    ]);
  });

  it("10,000 alternatives in exec rules that must be compared are fine", () => {
    const alts = Array.from({ length: 10_000 }, (_, i) => `a${i}`).join(",");
    const ds = check(`profile p {\n  /x/{${alts}} ix,\n  /x/{${alts}}* px,\n}\n`);
    expect(Array.isArray(ds)).toBe(true);
  });

  it("a variable that doubles 40 times is refused with a bound, not expanded", () => {
    const vars = "@{V0} = a b\n" + Array.from({ length: 39 }, (_, i) => `@{V${i + 1}} = @{V${i}}@{V${i}}\n`).join("");
    const ds = check(`${vars}profile p {\n  /@{V39} r,\n}\n`);
    expect(ds.map((d) => d.message).join("\n")).toMatch(/expands to more than 100000 values/);
  });

  it("a path of 40 two-valued variables stays an alternation, not 2^40 strings", () => {
    const vars = Array.from({ length: 40 }, (_, i) => `@{V${i}} = a b\n`).join("");
    const path = Array.from({ length: 40 }, (_, i) => `@{V${i}}`).join("/");
    expect(check(`${vars}profile p {\n  /${path} r,\n}\n`)).toEqual([]);
  });
});
