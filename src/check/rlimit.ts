/**
 * rlimit rules: `set rlimit RESOURCE <= VALUE [UNIT],` (the rlimit action in parser_yacc.y,
 * convert_time_units in parser_misc.c). Checked while parsing.
 *
 * The value is read with strtoll in base 0 (so a leading 0 is octal and `08` reads as 0), `infinity`
 * skips every other check, and each resource class takes its own units: time for cpu (at least 1s) and
 * rttime, sizes for memory limits, none for counts and nice.
 */
import type { RlimitRule } from "../ast/nodes.js";
import type { Check } from "./context.js";

type ResourceClass = "cpu" | "rttime" | "count" | "nice" | "size";

export const RLIMIT_RESOURCES: ReadonlyMap<string, ResourceClass> = new Map([
  ["cpu", "cpu"], ["rttime", "rttime"],
  ["fsize", "size"], ["data", "size"], ["stack", "size"], ["core", "size"], ["rss", "size"], ["as", "size"],
  ["memlock", "size"], ["msgqueue", "size"],
  ["nofile", "count"], ["ofile", "count"], ["nproc", "count"], ["locks", "count"], ["sigpending", "count"],
  ["rtprio", "count"],
  ["nice", "nice"],
]);

const US = 1n;
const MS = 1000n;
const S = 1000n * 1000n;
/** Time units and their length in microseconds. */
export const RLIMIT_TIME_UNITS: ReadonlyMap<string, bigint> = new Map([
  ["us", US], ["microsecond", US], ["microseconds", US],
  ["ms", MS], ["millisecond", MS], ["milliseconds", MS],
  ["s", S], ["sec", S], ["second", S], ["seconds", S],
  ["min", 60n * S], ["minute", 60n * S], ["minutes", 60n * S],
  ["h", 3600n * S], ["hour", 3600n * S], ["hours", 3600n * S],
  ["d", 86400n * S], ["day", 86400n * S], ["days", 86400n * S],
  ["week", 604800n * S], ["weeks", 604800n * S],
]);

/** Upstream tests `strstr("KB", unit) == "KB"`: the unit must be a prefix of KB, MB or GB. */
export const RLIMIT_SIZE_UNITS: readonly string[] = ["K", "KB", "M", "MB", "G", "GB"];

const NICE_MIN = -20n;
const NICE_MAX = 19n;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

export const rlimitCheck: Check = {
  code: "AA2061",
  name: "rlimit-rule",
  rule(rule, _profile, ctx) {
    if (rule.node.type !== "RlimitRule") return;
    const problem = rlimitProblem(rule.node);
    if (problem) ctx.report(rule, problem.range, problem.message, { help: problem.help });
  },
};

interface Problem {
  range: RlimitRule["range"];
  message: string;
  help?: string;
}

function rlimitProblem(node: RlimitRule): Problem | null {
  const res = node.resource.value;
  const cls = RLIMIT_RESOURCES.get(res);
  if (!cls) {
    return {
      range: node.resource.range,
      message: `INVALID RLIMIT '${res}'`,
      help: `resources are ${[...RLIMIT_RESOURCES.keys()].join(" ")}`,
    };
  }
  const raw = node.value.value;
  if (raw === "infinity") return null;
  const unit = node.unit?.value ?? null;
  const tmp = strtoll(raw);
  const bad = (help?: string): Problem => ({
    range: node.unit ? { start: node.value.range.start, end: node.unit.range.end } : node.value.range,
    // Upstream's cpu message leaves the unit out; the others print it, or nothing after a space.
    message: cls === "cpu"
      ? `RLIMIT '${res}' invalid value ${raw}`
      : `RLIMIT '${res}' invalid value ${raw} ${unit ?? ""}`,
    help,
  });
  const timeHelp = `time units are ${[...RLIMIT_TIME_UNITS.keys()].join(" ")}`;

  switch (cls) {
    case "cpu": {
      if (tmp < 0n) return bad();
      if (unit === null) return null;
      const per = RLIMIT_TIME_UNITS.get(unit);
      if (per === undefined) return bad(timeHelp);
      const us = wrap64(tmp * per);
      if (us < S) {
        return { range: node.value.range, message: `RLIMIT '${res} ${raw}' < minimum value of 1s` };
      }
      return null;
    }
    case "rttime": {
      if (tmp < 0n) return bad();
      if (unit === null) return null;
      const per = RLIMIT_TIME_UNITS.get(unit);
      if (per === undefined) return bad(timeHelp);
      return wrap64(tmp * per) < US ? bad("a time limit with a unit must be at least 1us") : null;
    }
    case "count":
      if (unit !== null) return bad(`${res} is a count and takes no unit`);
      return tmp < 0n ? bad() : null;
    case "nice":
      if (unit !== null) return bad("nice takes no unit");
      if (tmp < NICE_MIN || tmp > NICE_MAX) {
        return { range: node.value.range, message: `RLIMIT '${res}' out of range (-20 .. 19) ${tmp}` };
      }
      return null;
    case "size":
      if (tmp < 0n) return bad();
      if (unit !== null && !RLIMIT_SIZE_UNITS.includes(unit)) {
        return bad(`size units are ${RLIMIT_SIZE_UNITS.join(" ")}`);
      }
      return null;
  }
}

/** C strtoll with base 0 on what the scanner lets through (`-?[0-9]+`): a leading 0 means octal. */
function strtoll(s: string): bigint {
  const m = /^(-?)([0-9]+)/.exec(s);
  if (!m) return 0n;
  const digits = m[2]!;
  let value: bigint;
  if (digits.length > 1 && digits.startsWith("0")) {
    const octal = /^[0-7]*/.exec(digits.slice(1))![0];
    value = octal === "" ? 0n : BigInt("0o" + octal);
  } else {
    value = BigInt(digits);
  }
  if (m[1] === "-") value = -value;
  return value < INT64_MIN ? INT64_MIN : value > INT64_MAX ? INT64_MAX : value;
}

/** The product as a signed 64-bit C multiplication leaves it. */
function wrap64(v: bigint): bigint {
  return BigInt.asIntN(64, v);
}
