/**
 * Every rule's documentation is executed: its bad example must trigger the rule, its good example must not,
 * with the rule enabled on top of the `recommended` preset (so examples are judged as users will see them).
 */
import { describe, expect, it } from "vitest";
import { ALL_RULES } from "../../src/lint/catalogue.js";
import { lintText } from "./helpers.js";

describe("rule docs", () => {
  for (const rule of ALL_RULES) {
    const config = { extends: ["recommended"], rules: { [rule.meta.name]: "error" } };
    it(`${rule.meta.code} ${rule.meta.name}: the bad example triggers it`, () => {
      const { diagnostics } = lintText(rule.meta.docs.bad, { config });
      expect(diagnostics.filter((d) => d.code === rule.meta.code).length).toBeGreaterThan(0);
    });
    it(`${rule.meta.code} ${rule.meta.name}: the good example does not`, () => {
      const { diagnostics } = lintText(rule.meta.docs.good, { config });
      expect(diagnostics.filter((d) => d.code === rule.meta.code).map((d) => d.message)).toEqual([]);
    });
    it(`${rule.meta.code} ${rule.meta.name}: both examples compile without errors`, () => {
      for (const text of [rule.meta.docs.bad, rule.meta.docs.good]) {
        const { diagnostics } = lintText(text, { config: { extends: [] } });
        expect(diagnostics.filter((d) => /^AA[0-2]/.test(d.code) && d.severity === "error" && d.code !== "AA2040").map((d) => `${d.code} ${d.message}`)).toEqual([]);
      }
    });
  }
});
