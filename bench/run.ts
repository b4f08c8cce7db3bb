/**
 * `npm run bench`: throughput and whole-process timings, measured, never asserted.
 *
 *   lex+parse MB/s on the upstream profile tree (one core, after warm-up, median of rounds)
 *   whole-process time of `aaprof check` over that tree (median of runs)
 *   where apparmor_parser is installed: Debian's profiles, aaprof check against apparmor_parser -QK and -N
 *
 * Usage: npm run bench -- [--tree DIR] [--rounds N]
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "../src/ast/parse.js";
import { lex } from "../grammar/lexer.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

function args(): { tree: string; rounds: number } {
  const argv = process.argv.slice(2);
  let tree = resolve(root, "..", "shared", "corpus", "profiles", "apparmor");
  let rounds = 15;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--tree") tree = resolve(argv[++i]!);
    else if (argv[i] === "--rounds") rounds = Number(argv[++i]);
  }
  return { tree, rounds };
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) {
      if (name !== "abi") walk(p, out);
    } else out.push(p);
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function throughput(label: string, texts: string[], rounds: number, fn: (t: string) => unknown): number {
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  for (let i = 0; i < 3; i++) for (const t of texts) fn(t);
  const rates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (const t of texts) fn(t);
    const ms = performance.now() - t0;
    rates.push(bytes / 1e6 / (ms / 1000));
  }
  const m = median(rates);
  console.log(`${label.padEnd(34)} ${m.toFixed(1).padStart(7)} MB/s  (${(bytes / 1e6).toFixed(2)} MB, median of ${rounds})`);
  return m;
}

function timeProcess(label: string, cmd: string, argv: string[], runs = 5): number | null {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(cmd, argv, { stdio: "ignore" });
    if (r.error) return null;
    times.push(performance.now() - t0);
  }
  const m = median(times);
  console.log(`${label.padEnd(34)} ${(m / 1000).toFixed(3).padStart(7)} s     (whole process, median of ${runs})`);
  return m;
}

const PARSER_CANDIDATES = ["/usr/sbin/apparmor_parser", "/sbin/apparmor_parser"];

/**
 * Debian's own profiles (the ones its older compiler accepts, one process each, as a user checks them one
 * by one), timed with `apparmor_parser -QK` and `-N` against one `aaprof check` over the same files.
 */
function compareWithApparmorParser(bin: string): void {
  const parser = PARSER_CANDIDATES.find((p) => existsSync(p));
  if (!parser) {
    console.log("apparmor_parser: not installed, comparison skipped (apt-get install apparmor apparmor-profiles)");
    return;
  }
  const dirs = ["/etc/apparmor.d", "/usr/share/apparmor/extra-profiles"];
  const candidates = dirs.filter((d) => existsSync(d)).flatMap((d) =>
    readdirSync(d).sort().map((n) => join(d, n)).filter((p) => statSync(p).isFile() && !p.endsWith("README")));
  const base = ["--config-file=/dev/null", "-I", "/etc/apparmor.d"];
  const accepted = candidates.filter((f) => spawnSync(parser, ["-QK", ...base, f], { stdio: "ignore" }).status === 0);
  if (accepted.length === 0) {
    console.log("apparmor_parser: no profile it accepts under /etc/apparmor.d, comparison skipped");
    return;
  }
  console.log(`\nDebian's profiles that ${parser} accepts: ${accepted.length} files`);
  const perFile = (flag: string) => {
    const t0 = performance.now();
    for (const f of accepted) spawnSync(parser, [flag, ...base, f], { stdio: "ignore" });
    return performance.now() - t0;
  };
  const qk = median([perFile("-QK"), perFile("-QK"), perFile("-QK")]);
  const n = median([perFile("-N"), perFile("-N"), perFile("-N")]);
  const one = (flag: string) => {
    const t0 = performance.now();
    spawnSync(parser, [flag, ...base, ...accepted], { stdio: "ignore" });
    return performance.now() - t0;
  };
  const qkOne = median([one("-QK"), one("-QK"), one("-QK")]);
  const nOne = median([one("-N"), one("-N"), one("-N")]);
  const ours = timeProcess("aaprof check (same files)", process.execPath,
    [bin, "check", "-I", "/etc/apparmor.d", ...accepted], 5) ?? NaN;
  const row = (label: string, ms: number) =>
    console.log(`${label.padEnd(34)} ${(ms / 1000).toFixed(3).padStart(7)} s     ${(ms / ours).toFixed(1).padStart(6)}x aaprof`);
  row("apparmor_parser -QK, one per file", qk);
  row("apparmor_parser -N, one per file", n);
  row("apparmor_parser -QK, one process", qkOne);
  row("apparmor_parser -N, one process", nOne);
}

function main(): void {
  const { tree, rounds } = args();
  if (!existsSync(tree)) {
    console.log(`bench: skipped, no profile tree at ${tree} (pass --tree DIR)`);
    return;
  }
  const files = walk(tree);
  const texts = files.map((f) => readFileSync(f, "utf8"));
  console.log(`profile tree: ${tree} (${files.length} files)`);
  throughput("lex", texts, rounds, (t) => lex(t));
  throughput("lex+parse (AST)", texts, rounds, (t) => parse(t));
  const bin = join(root, "bin", "aaprof");
  timeProcess("aaprof check (tree)", process.execPath, [bin, "check", "-I", tree, tree]);
  timeProcess("node -e 0 (startup floor)", process.execPath, ["-e", "0"]);
  compareWithApparmorParser(bin);
}

main();
