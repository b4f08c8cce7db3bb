import { describe, expect, it } from "vitest";
import { errors } from "../helpers.js";

const profile = (body: string) => `profile app /usr/bin/app {\n  ${body}\n}\n`;

describe("ptrace rules", () => {
  it.each([
    "ptrace,",
    "ptrace (read readby trace write tracedby r w rw),",
    "ptrace (w read, r rw,,,, tracedby ),",
    "ptrace trace peer=SOME_OTHER_PROFILE,",
    "ptrace readby peer=/usr/bin/gdb,",
    "ptrace (),",
  ])("accepts %s", (rule) => {
    expect(errors(profile(rule))).toEqual([]);
  });

  it.each([
    ["ptrace peer=a peer=b,", 'ptrace conditional "peer" can only be specified once'],
    ["ptrace (read readby peer=/dev/null),", "Internal: unexpected ptrace perms character 'p' in input"],
    ["ptrace bus=session,", 'invalid ptrace rule conditional "bus"'],
    ["ptrace peer in (a b),", 'keyword "in" is not allowed in ptrace rules'],
    ["ptrace peer={/bin/true,", "Regex grouping error: Unclosed grouping or character class, expecting close }"],
  ])("rejects %s", (rule, message) => {
    expect(errors(profile(rule))).toEqual([message]);
  });

  it("expands a multi-valued peer variable", () => {
    expect(errors("@{SHELLS}=/bin/sh /bin/bash\n" + profile("ptrace trace peer=@{SHELLS},"))).toEqual([]);
  });
});
