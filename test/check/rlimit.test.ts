import { describe, expect, it } from "vitest";
import { errors } from "../helpers.js";

const profile = (body: string) => `profile app /usr/bin/app {\n  ${body}\n}\n`;

describe("rlimit rules", () => {
  it.each([
    "set rlimit cpu <= 1024,",
    "set rlimit cpu <= 0,",
    "set rlimit cpu <= 2min,",
    "set rlimit cpu <= 1000ms,",
    "set rlimit rttime <= 12,",
    "set rlimit rttime <= 0,",
    "set rlimit rttime <= 60minutes,",
    "set rlimit nice <= -10,",
    "set rlimit nice <= 19,",
    "set rlimit fsize <= 1023MB,",
    "set rlimit core <= 44444KB, # comment",
    "set rlimit as <= 2G,",
    "set rlimit nofile <= 256,",
    "set rlimit ofile <= 08,",
    "set rlimit nofile <= infinity KB,",
    "set rlimit memlock <= infinity,",
  ])("accepts %s", (rule) => {
    expect(errors(profile(rule))).toEqual([]);
  });

  it.each([
    ["set rlimit cpus <= 1,", "INVALID RLIMIT 'cpus'"],
    ["set rlimit cpu <= 0s,", "RLIMIT 'cpu 0' < minimum value of 1s"],
    ["set rlimit cpu <= 999ms,", "RLIMIT 'cpu 999' < minimum value of 1s"],
    ["set rlimit cpu <= 1 m,", "RLIMIT 'cpu' invalid value 1"],
    ["set rlimit cpu <= -1,", "RLIMIT 'cpu' invalid value -1"],
    ["set rlimit rttime <= 0us,", "RLIMIT 'rttime' invalid value 0 us"],
    ["set rlimit rttime <= 5 fortnights,", "RLIMIT 'rttime' invalid value 5 fortnights"],
    ["set rlimit nofile <= 10 KB,", "RLIMIT 'nofile' invalid value 10 KB"],
    ["set rlimit nproc <= -1,", "RLIMIT 'nproc' invalid value -1 "],
    ["set rlimit nice <= 20,", "RLIMIT 'nice' out of range (-20 .. 19) 20"],
    ["set rlimit nice <= -21,", "RLIMIT 'nice' out of range (-20 .. 19) -21"],
    ["set rlimit nice <= 1 s,", "RLIMIT 'nice' invalid value 1 s"],
    ["set rlimit stack <= 1 TB,", "RLIMIT 'stack' invalid value 1 TB"],
    ["set rlimit data <= 1 kb,", "RLIMIT 'data' invalid value 1 kb"],
  ])("rejects %s", (rule, message) => {
    expect(errors(profile(rule))).toEqual([message]);
  });

  it("checks rlimits while parsing, so also in untaken branches", () => {
    expect(errors(profile("if false { set rlimit nice <= 40, }"))).toEqual([
      "RLIMIT 'nice' out of range (-20 .. 19) 40",
    ]);
  });
});
