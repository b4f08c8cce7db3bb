import { describe, expect, it } from "vitest";
import { errors } from "../helpers.js";

const profile = (body: string) => `profile app /usr/bin/app {\n  ${body}\n}\n`;

describe("userns rules", () => {
  it.each(["userns,", "userns create,", "audit deny userns create,"])("accepts %s", (rule) => {
    expect(errors(profile(rule))).toEqual([]);
  });

  it("leaves anything else to the scanner, as upstream's lexer refuses it", () => {
    expect(errors(profile("userns read,"))).toHaveLength(1);
    expect(errors(profile("userns peer=foo,"))).toHaveLength(1);
  });
});
