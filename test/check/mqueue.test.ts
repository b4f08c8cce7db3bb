import { describe, expect, it } from "vitest";
import { errors } from "../helpers.js";

const profile = (body: string) => `profile app /usr/bin/app {\n  ${body}\n}\n`;

describe("mqueue rules", () => {
  it.each([
    "mqueue,",
    "mqueue wr /queue,",
    "mqueue (create, getattr, setattr) type=posix /queue,",
    "mqueue type=sysv 1234,",
    "mqueue 0,",
    "mqueue open label=/usr/bin/peer,",
    "mqueue type=posix type=sysv /queue,",
    "mqueue (read write open delete),",
  ])("accepts %s", (rule) => {
    expect(errors(profile(rule))).toEqual([]);
  });

  it.each([
    ["mqueue type=sysv /queue,",
      "mqueue type=sysv invalid name '/queue', sysv message queues must be identified by a positive integer."],
    ["mqueue type=sysv type=posix /queue,",
      "mqueue type=sysv invalid name '/queue', sysv message queues must be identified by a positive integer."],
    ["mqueue type=posix 1234,",
      "mqueue type=posix invalid name '1234', posix message queues names must begin with a /"],
    ["mqueue foo,", "mqueue invalid name 'foo', message queue names must begin with a / or be a positive integer."],
    ["mqueue 1234foo,",
      "mqueue invalid name '1234foo', message queue names must begin with a / or be a positive integer."],
    ["mqueue type=sysvfoo,", "mqueue invalid type='sysvfoo'"],
    ["mqueue label=a label=b,", 'mqueue conditional "label" can only be specified once'],
    ["mqueue peer=a,", 'invalid mqueue rule conditional "peer"'],
    ["mqueue type in (posix),", 'keyword "in" is not allowed in mqueue rules'],
    ["mqueue (create trace),", "Internal: unexpected mqueue perms character 't' in input"],
  ])("rejects %s", (rule, message) => {
    expect(errors(profile(rule))).toEqual([message]);
  });

  it("checks the queue name before variable expansion", () => {
    expect(errors("@{Q}=/queue\n" + profile("mqueue @{Q},"))).toEqual([
      "mqueue invalid name '@{Q}', message queue names must begin with a / or be a positive integer.",
    ]);
    expect(errors(profile("mqueue /@{MISSING},"))).toEqual(["Failed to find declaration for: @{MISSING}"]);
  });
});
