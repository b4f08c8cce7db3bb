/**
 * The signal names AppArmor knows (parser/signal.cc `signal_map`), shared by the signal rule's `set=` and
 * anything else that names a signal (the `kill.signal=` profile flag).
 */

/** Name → upstream's internal signal number. `stp` is the parser's old name for tstp; `io` and `poll` are one. */
export const SIGNAL_NUMBERS: ReadonlyMap<string, number> = new Map([
  ["hup", 1], ["int", 2], ["quit", 3], ["ill", 4], ["trap", 5], ["abrt", 6], ["bus", 7], ["fpe", 8],
  ["kill", 9], ["usr1", 10], ["segv", 11], ["usr2", 12], ["pipe", 13], ["alrm", 14], ["term", 15],
  ["stkflt", 16], ["chld", 17], ["cont", 18], ["stop", 19], ["stp", 20], ["tstp", 20], ["ttin", 21],
  ["ttou", 22], ["urg", 23], ["xcpu", 24], ["xfsz", 25], ["vtalrm", 26], ["prof", 27], ["winch", 28],
  ["io", 29], ["poll", 29], ["pwr", 30], ["sys", 31], ["emt", 32], ["exists", 35],
]);

/** The signal names, in upstream's table order. */
export const SIGNAL_NAMES: readonly string[] = [...SIGNAL_NUMBERS.keys()];

/** Real-time signals are written `rtmin+N` with N at most this. */
export const MAX_RT_SIGNAL = 32;
const RT_BASE = 128;
const RT_PREFIX = "rtmin+";

/**
 * Upstream's number for a signal name, or null when it rejects the name (find_signal_mapping).
 *
 * `rtmin+N` is read with strtoul and only a value above 32 is rejected, so `rtmin+`, `rtmin+5x` and
 * `rtmin+-0` are accepted while `rtmin+-1` (which wraps to a huge number) is not.
 */
export function signalNumber(name: string): number | null {
  if (name.startsWith(RT_PREFIX)) {
    const n = strtoul(name.slice(RT_PREFIX.length));
    return n > MAX_RT_SIGNAL ? null : RT_BASE + n;
  }
  return SIGNAL_NUMBERS.get(name) ?? null;
}

/** C strtoul in base 10, saturating: leading blanks, an optional sign (negation wraps), then digits. */
function strtoul(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?)([0-9]*)/.exec(s)!;
  const digits = m[2]!.replace(/^0+(?=.)/, "");
  if (digits === "") return 0;
  const value = digits.length > 20 ? Number.MAX_SAFE_INTEGER : Number(digits);
  if (m[1] === "-" && value !== 0) return Number.MAX_SAFE_INTEGER;
  return value;
}
