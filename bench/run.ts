/**
 * `npm run bench`: throughput and whole-process timings, measured, never asserted.
 *
 *   lex+parse MB/s on the upstream profile tree (one core, after warm-up, median of rounds)
 *   whole-process time of `aaprof check` over that tree (median of runs)
 *   start-up: `node -e 0`, `aaprof check` of a 3-line profile; `aaprof fmt` of one 1 MB profile
 *   where apparmor_parser is installed: Debian's profiles, aaprof check against apparmor_parser -QK and -N
 *
 * Usage: npm run bench -- [--tree DIR] [--rounds N]
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "../src/ast/parse.js";
import { lex } from "../grammar/lexer.js";
import { formatText } from "../src/format/index.js";
import { Linter } from "../src/lint/engine.js";
import { generateTree, largeProfile } from "./synthetic.js";

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

const GNU_TIME = "/usr/bin/time";

/** Median wall time of a command (and its peak memory, where GNU time is installed). */
function timeProcess(label: string, cmd: string, argv: string[], runs = 5): number | null {
  const times: number[] = [];
  let peakKb = 0;
  const measured = existsSync(GNU_TIME);
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = measured
      ? spawnSync(GNU_TIME, ["-f", "%M", cmd, ...argv], { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" })
      : spawnSync(cmd, argv, { stdio: "ignore" });
    if (r.error) return null;
    times.push(performance.now() - t0);
    if (measured) peakKb = Math.max(peakKb, Number(String(r.stderr ?? "").trim().split("\n").pop()) || 0);
  }
  const m = median(times);
  const mem = peakKb ? `, peak ${(peakKb / 1024).toFixed(0)} MB` : "";
  console.log(`${label.padEnd(34)} ${(m / 1000).toFixed(3).padStart(7)} s     (whole process, median of ${runs}${mem})`);
  return m;
}

/**
 * The ~2,000-profile synthetic tree (bench/synthetic.ts): throughput of parse, lint and format on one core,
 * and whole-process check and lint over all cores.
 */
async function syntheticTree(bin: string, rounds: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "aaprof-bench-"));
  try {
    const { files, bytes } = generateTree(dir);
    console.log(`\nsynthetic tree: ${files} files, ${(bytes / 1e6).toFixed(1)} MB`);
    const paths = walk(dir);
    const texts = paths.map((f) => readFileSync(f, "utf8"));
    const r = Math.max(1, Math.floor(rounds / 5));
    throughput("parse (one core)", texts, r, (t) => parse(t));
    const lintRate = await timed(texts, () => {
      const linter = new Linter({ cwd: dir, inputDirs: [dir] });
      for (const p of paths) linter.lintFile(p);
    });
    console.log(`${"lint (one core, in process)".padEnd(34)} ${lintRate.toFixed(1).padStart(7)} MB/s`);
    const fmtRate = await timed(texts, async () => {
      for (const t of texts) await formatText(t);
    });
    console.log(`${"format (one core, in process)".padEnd(34)} ${fmtRate.toFixed(1).padStart(7)} MB/s`);
    const check = timeProcess("aaprof check (synthetic tree)", process.execPath, [bin, "check", dir], 3);
    const lint = timeProcess("aaprof lint (synthetic tree)", process.execPath, [bin, "lint", dir], 3);
    lintOverCheck(check, lint);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function lintOverCheck(check: number | null, lint: number | null): void {
  if (check && lint) console.log(`${"lint / check".padEnd(34)} ${(lint / check).toFixed(2).padStart(7)}x`);
}

async function timed(texts: string[], work: () => unknown): Promise<number> {
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const t0 = performance.now();
  await work();
  return bytes / 1e6 / ((performance.now() - t0) / 1000);
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

/**
 * What a run costs before any real work (Node's own start, then aaprof's: the bundle, the grammar), and the
 * formatter on one 1 MB profile, whole process.
 */
function startupAndLargeFile(bin: string): void {
  const dir = mkdtempSync(join(tmpdir(), "aaprof-bench-"));
  try {
    const small = join(dir, "small.profile");
    writeFileSync(small, "profile small {\n  /etc/hosts r,\n}\n");
    const large = join(dir, "large.profile");
    writeFileSync(large, largeProfile());
    timeProcess("node -e 0 (Node's own start)", process.execPath, ["-e", "0"], 9);
    timeProcess("aaprof check (one 3-line profile)", process.execPath, [bin, "check", small], 9);
    timeProcess("aaprof fmt (one 1 MB profile)", process.execPath, [bin, "fmt", large]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { tree, rounds } = args();
  const bin = join(root, "bin", "aaprof");
  if (existsSync(tree)) {
    const files = walk(tree);
    const texts = files.map((f) => readFileSync(f, "utf8"));
    console.log(`profile tree: ${tree} (${files.length} files)`);
    throughput("lex", texts, rounds, (t) => lex(t));
    throughput("lex+parse (AST)", texts, rounds, (t) => parse(t));
    const check = timeProcess("aaprof check (tree)", process.execPath, [bin, "check", "-I", tree, tree]);
    const lint = timeProcess("aaprof lint (tree)", process.execPath, [bin, "lint", "-I", tree, tree]);
    lintOverCheck(check, lint);
    compareWithApparmorParser(bin);
  } else {
    console.log(`bench: no profile tree at ${tree} (pass --tree DIR); measuring the rest only`);
  }
  // Start-up and the 1 MB file need no corpus.
  startupAndLargeFile(bin);
  await syntheticTree(bin, rounds);
}

void main();
