import reason from "../../../src/lint/rules/suppression-require-reason.js";
import unused from "../../../src/lint/rules/suppression-no-unused.js";
import invalid from "../../../src/lint/rules/suppression-invalid.js";
import { describe, expect, it } from "vitest";
import { lintText, profile, ruleTester } from "../helpers.js";

ruleTester(reason, {
  valid: [profile("  # aaprof-disable-next-line capability-no-dangerous -- needed to mount\n  capability sys_admin,")],
  invalid: [
    { code: profile("  # aaprof-disable-next-line capability-no-dangerous\n  capability sys_admin,"), errors: [{ messageId: "reason", line: 5, column: 3 }] },
    { code: profile("  # aaprof-disable-next-line AA3120 --\n  capability sys_admin,"), errors: [{ line: 5, column: 3 }] },
  ],
});

ruleTester(invalid, {
  valid: [profile("  # aaprof-disable-file AA3120, file-no-global-write -- reviewed\n  /a r,")],
  invalid: [
    { code: profile("  # aaprof-disable-next-line file-no-global-writes -- typo\n  /** w,"), errors: [{ messageId: "invalid", line: 5, column: 3 }] },
    { code: profile("  # aaprof-disable-next-line -- which rule?\n  /** w,"), errors: [{ line: 5, column: 3 }] },
    { code: profile("  # aaprof-disable-next-line AA2040 -- compiler errors are not lint\n  /** w,"), errors: [{ line: 5, column: 3 }] },
    { code: profile("  # aaprof-disable file-no-global-write -- ESLint spelling\n  /** w,"), errors: [{ line: 5, column: 3 }] },
  ],
});

describe("suppressions", () => {
  const recommended = (extra: Record<string, string> = {}) => ({ extends: ["recommended"], rules: extra });
  const codes = (text: string) => lintText(text, { config: recommended() }).diagnostics.map((d) => `${d.range.start.line}:${d.code}`);

  it("disable-next-line silences the named rule on the next rule line, skipping comments and blanks", () => {
    expect(codes(profile("  # aaprof-disable-next-line AA3101 -- scratch VM\n\n  # another comment\n  /** w,"))).toEqual([]);
  });

  it("names may be codes or names, several per directive", () => {
    expect(codes(profile("  # aaprof-disable-next-line file-no-global-write, AA3120 -- test fixture\n  /** w, capability sys_admin,"))).toEqual([]);
  });

  it("disable-line silences findings on its own line", () => {
    expect(codes(profile("  /** w, # aaprof-disable-line AA3101 -- scratch VM"))).toEqual([]);
  });

  it("disable-file silences the rule anywhere in the file", () => {
    expect(codes(profile("  /** w,\n  capability sys_admin,\n  # aaprof-disable-file file-no-global-write, AA3120 -- build sandbox"))).toEqual([]);
  });

  it("a directive for another rule does not silence this one", () => {
    expect(codes(profile("  # aaprof-disable-next-line AA3120 -- wrong rule\n  /** w,"))).toEqual(["6:AA3101", "5:AA3002"]);
  });

  it("an unused directive is reported at the directive", () => {
    const d = lintText(profile("  # aaprof-disable-next-line file-no-global-write -- no longer needed\n  /etc/app r,"), { config: recommended() }).diagnostics;
    expect(d.map((x) => [x.code, x.range.start.line, x.range.start.column])).toEqual([["AA3002", 5, 3]]);
  });

  it("a directive for a rule that is off is not judged unused", () => {
    const d = lintText(profile("  # aaprof-disable-next-line file-permission-order -- upstream order\n  /a rm,"), { config: recommended() }).diagnostics;
    expect(d).toEqual([]);
  });

  it("silences findings of an included abstraction where they are written", () => {
    const files = { "/inc/abstractions/wide": "# aaprof-disable-next-line AA3101 -- shared scratch space\n/** w,\n" };
    const d = lintText(profile("  include <abstractions/wide>"), { config: recommended(), files }).diagnostics;
    expect(d.map((x) => x.code)).toEqual([]);
  });

  it("cannot silence compiler errors", () => {
    const d = lintText(profile("  # aaprof-disable-next-line AA2040 -- nope\n  @{NOPE}/x r,"), { config: recommended() }).diagnostics;
    expect(d.map((x) => x.code).sort()).toEqual(["AA2040", "AA3003"]);
  });

  void unused;
});
