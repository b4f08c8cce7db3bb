import { describe, expect, it } from "vitest";
import { accepts, errors } from "./helpers.js";

describe("resolve", () => {
  it("follows includes against the include base", () => {
    expect(accepts("profile p {\n  include <abstractions/base>\n}\n", { "/inc/abstractions/base": "/etc/hosts r,\n" })).toBe(true);
  });

  it("reports a missing include", () => {
    expect(errors("profile p {\n  include <nope>\n}\n")).toEqual(["Could not open 'nope'"]);
  });

  it("accepts a missing include if exists", () => {
    expect(accepts("profile p {\n  include if exists <nope>\n}\n")).toBe(true);
  });

  it("rejects a variable assignment inside a profile", () => {
    expect(errors("profile p {\n  include <v>\n}\n", { "/inc/v": "@{X} = /a\n" })[0]).toMatch(/before the first profile/);
  });

  it("rejects a rule outside a profile", () => {
    expect(errors("/etc/hosts r,\n")[0]).toMatch(/only allowed inside a profile/);
  });

  it("evaluates conditions at compile time", () => {
    expect(errors("$B = maybe\n")[0]).toMatch(/Invalid boolean/);
    expect(errors("@{N} = 10\nprofile p {\n  if @{N} > /x {\n  }\n}\n")).toEqual(["Can only compare numbers with numbers"]);
  });
});
