import { describe, expect, it } from "vitest";
import { errors } from "../helpers.js";

const profile = (body: string) => `profile app /usr/bin/app {\n  ${body}\n}\n`;

describe("io_uring rules", () => {
  it.each([
    "io_uring,",
    "io_uring sqpoll,",
    "io_uring override_creds label=foo,",
    "io_uring (sqpoll override_creds),",
    "io_uring label=/bar,",
    "io_uring (foo),",
    "io_uring xattrs=(label=a),",
    "io_uring peer=(label=a),",
  ])("accepts %s", (rule) => {
    expect(errors(profile(rule))).toEqual([]);
  });

  it.each([
    ["io_uring read,", "unexpected 'read' in the io_uring rule"],
    ["io_uring rw,", "unexpected 'rw' in the io_uring rule"],
    ["io_uring override_creds peer=foo,", 'invalid io_uring conditional "peer"'],
    ["io_uring label=a peer=(label=b),", 'io_uring conditional "label" can only be specified once'],
    ["io_uring label=(a b),", 'io_uring conditional "label" only supports a single value'],
    ["io_uring label in (a),", 'keyword "in" is not allowed in io_uring rules'],
  ])("rejects %s", (rule, message) => {
    expect(errors(profile(rule))).toEqual([message]);
  });

  it("never expands the label", () => {
    expect(errors(profile("io_uring label=@{MISSING},"))).toEqual([]);
  });
});
