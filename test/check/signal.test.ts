import { describe, expect, it } from "vitest";
import { errors } from "../helpers.js";
import { SIGNAL_NAMES, signalNumber } from "../../src/check/signal-names.js";

const profile = (body: string) => `profile app /usr/bin/app {\n  ${body}\n}\n`;

describe("signal rules", () => {
  it.each([
    "signal,",
    "signal (send receive) set=(hup int) peer=/usr/bin/other,",
    "signal (r send,,,, receive,write,rw, send),",
    "signal set=(bus,fpe,,,kill,usr1),",
    "signal receive set=term set=(stop cont) set=exists,",
    "signal send set=(stp emt rtmin+0 rtmin+32 rtmin+001),",
    "signal peer=@{profile_name},",
    "signal (),",
  ])("accepts %s", (rule) => {
    expect(errors(profile(rule))).toEqual([]);
  });

  it.each([
    ["signal set=nohup,", 'unknown signal "nohup"'],
    ["signal set=(hup segv set=int),", 'unknown signal "set=int"'],
    ["signal set=hup,int,", 'unknown signal "hup,int"'],
    ["signal set=HUP,", 'unknown signal "HUP"'],
    ["signal set=lost,", 'unknown signal "lost"'],
    ["signal set=rtmin+33,", 'unknown signal "rtmin+33"'],
    ["signal set=rtmin+-1,", 'unknown signal "rtmin+-1"'],
    ["signal peer=a peer=b,", 'signal conditional "peer" can only be specified once'],
    ["signal set in (hup stop),", 'only "=" allowed in conditions of signal rules'],
    ["signal options=(ro),", 'invalid signal rule conditional "options"'],
    ["signal (read trace),", "Internal: unexpected signal perms character 't' in input"],
    ["signal peer={/bin/true,", "Regex grouping error: Unclosed grouping or character class, expecting close }"],
    ["signal peer=@{MISSING},", "Failed to find declaration for: @{MISSING}"],
  ])("rejects %s", (rule, message) => {
    expect(errors(profile(rule))).toEqual([message]);
  });

  it("checks set= before variable expansion", () => {
    expect(errors("@{SIG}=hup\n" + profile("signal set=@{SIG},"))).toEqual(['unknown signal "@{SIG}"']);
  });

  it("checks names in untaken branches but compiles peers only in compiled rules", () => {
    expect(errors(profile("if false { signal set=bad, }"))).toEqual(['unknown signal "bad"']);
    expect(errors(profile("if false { signal peer={x, }"))).toEqual([]);
  });
});

describe("signal names", () => {
  it.each([
    ["hup", 1], ["tstp", 20], ["stp", 20], ["poll", 29], ["exists", 35],
    ["rtmin+0", 128], ["rtmin+32", 160], ["rtmin+", 128], ["rtmin+5abc", 133], ["rtmin+0x7", 128], ["rtmin+-0", 128],
  ] as const)("%s is signal %d", (name, n) => {
    expect(signalNumber(name)).toBe(n);
  });

  it.each(["lost", "unused", "SIGHUP", "Hup", "rtmin+33", "rtmin+-5", "rtmin+99999999999999999999999", "RTMIN+1"])(
    "%s is not a signal", (name) => {
      expect(signalNumber(name)).toBeNull();
    });

  it("lists every name once", () => {
    expect(new Set(SIGNAL_NAMES).size).toBe(SIGNAL_NAMES.length);
  });
});
