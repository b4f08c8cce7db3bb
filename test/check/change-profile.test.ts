import { describe, expect, it } from "vitest";
import { errors } from "../helpers.js";

const profile = (body: string) => `@{PROC}=/proc\nprofile app /usr/bin/app {\n  ${body}\n}\n`;

describe("change_profile rules", () => {
  it.each([
    "change_profile,",
    "change_profile -> **,",
    "change_profile /onexec,",
    "change_profile /bin/foo -> :ab:*,",
    "change_profile -> &bar,",
    'change_profile "/bin/ foo" -> ":foo:/bin/ foo",',
    "change_profile safe /usr/bin/bar -> safe,",
    "change_profile unsafe /usr/bin/bar -> ab//[^ab],",
    "change_profile @{PROC}/self/exe -> tool,",
    "change_profile safe /onexec -> /bin/foo,\n  change_profile /onexec -> /bin/foo,",
    "change_profile safe /onexec -> /bin/foo,\n  change_profile unsafe /onexec -> /bin/bar,",
    "change_profile /bin/a* -> x,\n  change_profile unsafe /bin/ab -> x,",
    "change_profile /bin/* -> x,\n  change_profile unsafe /sbin/* -> x,",
    "change_profile /bin/a -> x,\n  deny change_profile unsafe /bin/a -> x,",
  ])("accepts %s", (rule) => {
    expect(errors(profile(rule))).toEqual([]);
  });

  it.each([
    ["change_profile safe -> baz,", "Exec condition is required when unsafe or safe keywords are present"],
    ["change_profile unsafe,", "Exec condition is required when unsafe or safe keywords are present"],
    ["change_profile bin/foo -> bar,", "Exec condition must begin with '/'."],
    ["change_profile @HOME/foo -> bar,", "Exec condition must begin with '/'."],
    ["change_profile /bin/foo -> {a,b,",
      "Regex grouping error: Unclosed grouping or character class, expecting close }"],
    ["change_profile /bin/{a -> b,", "Regex grouping error: Unclosed grouping or character class, expecting close }"],
    ["change_profile /bin/foo -> @{MISSING},", "Failed to find declaration for: @{MISSING}"],
    ["change_profile /onexec -> /bin/foo,\n  change_profile unsafe /onexec -> /bin/foo,",
      "profile app: has merged rule /bin/foo with conflicting x modifiers"],
    ["change_profile /bin/a* -> x,\n  change_profile unsafe /bin/*b -> x,",
      "profile has merged rule with conflicting x modifiers"],
    ["change_profile /bin/** -> **,\n  change_profile unsafe /bin/*/sh -> foo,",
      "profile has merged rule with conflicting x modifiers"],
  ])("rejects %s", (rule, message) => {
    expect(errors(profile(rule))).toEqual([message]);
  });

  it("checks the exec condition while parsing, so also in untaken branches", () => {
    expect(errors(profile("if false { change_profile foo, }"))).toEqual(["Exec condition must begin with '/'."]);
    expect(errors(profile("if false { change_profile /x -> {a, }"))).toEqual([]);
  });

  it("only compares rules within one profile", () => {
    const text = "profile a { change_profile /x -> y, }\nprofile b { change_profile unsafe /x -> y, }\n";
    expect(errors(text)).toEqual([]);
  });
});
