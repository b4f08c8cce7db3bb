import { describe, expect, it } from "vitest";
import { check, errors } from "../helpers.js";

const profile = (body: string) => `profile app /usr/bin/app {\n  ${body}\n}\n`;

describe("capability rules", () => {
  it.each([
    "capability,",
    "capability chown,",
    "capability chown dac_override net_admin sys_ptrace,",
    "capability audit_read bpf perfmon checkpoint_restore,",
    "capability chown chown,",
    "audit deny capability sys_module,",
    "priority=5 capability kill,",
  ])("accepts %s", (rule) => {
    expect(errors(profile(rule))).toEqual([]);
  });

  it.each([
    ["capability CAP_CHOWN,", "Invalid capability CAP_CHOWN."],
    ["capability foobar,", "Invalid capability foobar."],
    ["capability chown Chown,", "Invalid capability Chown."],
  ])("rejects %s", (rule, message) => {
    expect(errors(profile(rule))).toEqual([message]);
  });

  it("suggests the spelling without CAP_", () => {
    const [d] = check(profile("capability CAP_SYS_ADMIN,"));
    expect(d?.help).toBe("write 'sys_admin'");
  });

  it("checks names while parsing, so also in untaken branches", () => {
    expect(errors(profile("if false { capability foo, }"))).toEqual(["Invalid capability foo."]);
  });
});
