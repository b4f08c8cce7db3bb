import { describe, expect, it } from "vitest";
import { unifiedDiff } from "../../src/format/diff.js";

describe("unified diff", () => {
  it("is empty for equal texts", () => {
    expect(unifiedDiff("f", "a\n", "a\n")).toBe("");
  });

  it("shows a changed line with its context", () => {
    expect(unifiedDiff("p", "a\nb\nc\n", "a\nB\nc\n")).toBe("--- a/p\n+++ b/p\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
  });

  it("splits distant changes into hunks", () => {
    const before = Array.from({ length: 20 }, (_, i) => `l${i}`).join("\n") + "\n";
    const after = before.replace("l1\n", "L1\n").replace("l18\n", "L18\n");
    const d = unifiedDiff("p", before, after);
    expect(d.match(/^@@/gm)).toHaveLength(2);
    expect(d).toContain("@@ -1,5 +1,5 @@");
    expect(d).toContain("@@ -16,5 +16,5 @@");
  });

  it("marks a missing final newline", () => {
    expect(unifiedDiff("p", "a\nb", "a\nb\n")).toBe("--- a/p\n+++ b/p\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");
  });
});
