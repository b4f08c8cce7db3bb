/**
 * The conformance run: every labelled case of upstream's suite through `aaprof check`, scored against the
 * labels the real compiler earned.
 * Usage: npm run conformance -- [--corpus DIR] [--list FILE] [--floor FILE] [--only SUBSTRING,…]
 *
 * Cases run in worker threads with a watchdog, so a case that hangs is reported as "no result" instead of
 * stalling the run.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { loadCases, type Case } from "./cases.js";

const CASE_TIMEOUT_MS = 20_000;
const BATCH = 500;

interface Result {
  verdict: "PASS" | "FAIL" | "CRASH" | "TIMEOUT";
  message: string;
}

interface Args {
  corpus: string;
  list?: string;
  floor?: string;
  /** Substrings of case paths to run; all cases when empty. */
  only: string[];
}

function parseArgs(argv: string[]): Args {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = resolve(here, "..", "..", "..");
  let corpus = resolve(root, "..", "shared", "corpus", "conformance");
  let list: string | undefined;
  let floor: string | undefined;
  const only: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--corpus") corpus = resolve(argv[++i]!);
    else if (a === "--list") list = resolve(argv[++i]!);
    else if (a === "--floor") floor = resolve(argv[++i]!);
    else if (a === "--only") only.push(...argv[++i]!.split(","));
    else throw new Error(`unknown argument ${a}`);
  }
  return { corpus, list, floor, only };
}

async function runAll(corpus: string, cases: Case[]): Promise<Result[]> {
  const results: Result[] = new Array(cases.length);
  const workerFile = join(dirname(fileURLToPath(import.meta.url)), "worker.js");
  let next = 0;
  const threads = Math.max(1, Math.min(availableParallelism(), 4));

  /** One worker per lane, reused across batches; replaced only when a case hangs. */
  async function lane(): Promise<void> {
    let worker: Worker | null = null;
    while (next < cases.length) {
      const start = next;
      const end = Math.min(cases.length, start + BATCH);
      next = end;
      let pending = start;
      while (pending < end) {
        worker ??= new Worker(workerFile, { workerData: { corpus } });
        const outcome = await runBatch(worker, pending, end);
        pending = outcome.resume;
        if (outcome.dead) worker = null;
      }
    }
    if (worker) await worker.terminate();
  }

  /** Runs cases [from, to); after a hang or crash, says where to resume and that the worker is gone. */
  function runBatch(worker: Worker, from: number, to: number): Promise<{ resume: number; dead: boolean }> {
    return new Promise((resolveBatch) => {
      let inFlight = from;
      let timer: NodeJS.Timeout;
      const finish = (outcome: { resume: number; dead: boolean }) => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        resolveBatch(outcome);
      };
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          results[inFlight] = { verdict: "TIMEOUT", message: `no result after ${CASE_TIMEOUT_MS} ms` };
          void worker.terminate();
          finish({ resume: inFlight + 1, dead: true });
        }, CASE_TIMEOUT_MS);
      };
      const onMessage = (m: { index?: number; verdict?: Result["verdict"]; message?: string; done?: boolean }) => {
        if (m.done) {
          finish({ resume: to, dead: false });
          return;
        }
        results[m.index!] = { verdict: m.verdict!, message: m.message ?? "" };
        inFlight = m.index! + 1;
        arm();
      };
      const onError = (err: unknown) => {
        results[inFlight] = { verdict: "CRASH", message: String(err) };
        finish({ resume: inFlight + 1, dead: true });
      };
      worker.on("message", onMessage);
      worker.on("error", onError);
      arm();
      worker.postMessage(cases.slice(from, to).map((c, i) => ({ index: from + i, path: c.path, text: c.text })));
    });
  }

  await Promise.all(Array.from({ length: threads }, lane));
  return results;
}

interface Tally {
  cases: number;
  agree: number;
  validRejected: number;
  invalidAccepted: number;
  noResult: number;
}

function pct(a: number, b: number): string {
  return b === 0 ? "-" : `${((100 * a) / b).toFixed(2)}%`;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(join(args.corpus, "simple_tests"))) {
    console.log(`conformance: skipped, no corpus at ${args.corpus} (pass --corpus DIR)`);
    return 0;
  }
  const cases = loadCases(args.corpus).filter((c) => !args.only.length || args.only.some((o) => c.path.includes(o)));
  const started = Date.now();
  const results = await runAll(args.corpus, cases);
  const groups = new Map<string, Tally>();
  const total: Tally = { cases: 0, agree: 0, validRejected: 0, invalidAccepted: 0, noResult: 0 };
  const handWritten: Tally = { ...total };
  const generated: Tally = { ...total };
  const mismatches: string[] = [];
  cases.forEach((c, i) => {
    if (!c.scored || !c.expect) return;
    const r = results[i]!;
    const g = groups.get(c.group) ?? { cases: 0, agree: 0, validRejected: 0, invalidAccepted: 0, noResult: 0 };
    groups.set(c.group, g);
    const sets = [g, total, c.group.startsWith("generated_") ? generated : handWritten];
    for (const t of sets) t.cases++;
    if (r.verdict === "CRASH" || r.verdict === "TIMEOUT") {
      for (const t of sets) t.noResult++;
      mismatches.push(`${c.path}\texpected ${c.expect}\t${r.verdict}\t${r.message.split("\n")[0]}`);
    } else if (r.verdict === c.expect) {
      for (const t of sets) t.agree++;
    } else {
      for (const t of sets) {
        if (c.expect === "PASS") t.validRejected++;
        else t.invalidAccepted++;
      }
      mismatches.push(`${c.path}\texpected ${c.expect}\tgot ${r.verdict}\t${r.message}`);
    }
  });

  const row = (name: string, t: Tally) =>
    `${name.padEnd(42)} ${String(t.cases).padStart(6)} ${pct(t.agree, t.cases).padStart(8)} ${String(t.validRejected).padStart(8)} ${String(t.invalidAccepted).padStart(9)} ${String(t.noResult).padStart(7)}`;
  console.log(`${"group".padEnd(42)} ${"cases".padStart(6)} ${"agree".padStart(8)} ${"valid-rej".padStart(8)} ${"inval-acc".padStart(9)} ${"no-res".padStart(7)}`);
  for (const [name, t] of [...groups].sort(([a], [b]) => a.localeCompare(b))) console.log(row(name, t));
  console.log(row("hand-written", handWritten));
  console.log(row("generated", generated));
  console.log(row("overall", total));
  console.log(`${cases.length} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (args.list) writeFileSync(args.list, mismatches.join("\n") + "\n");

  if (args.floor) {
    const floor = JSON.parse(readFileSync(args.floor, "utf8")) as {
      handWrittenAgreement: number; generatedAgreement: number; maxValidRejected: number; maxNoResult: number;
    };
    const problems: string[] = [];
    const hw = handWritten.agree / handWritten.cases;
    const gen = generated.agree / generated.cases;
    if (hw < floor.handWrittenAgreement) problems.push(`hand-written agreement ${pct(handWritten.agree, handWritten.cases)} is below the floor ${(100 * floor.handWrittenAgreement).toFixed(2)}%`);
    if (gen < floor.generatedAgreement) problems.push(`generated agreement ${pct(generated.agree, generated.cases)} is below the floor ${(100 * floor.generatedAgreement).toFixed(2)}%`);
    if (total.validRejected > floor.maxValidRejected) problems.push(`${total.validRejected} valid cases rejected (floor allows ${floor.maxValidRejected})`);
    if (total.noResult > floor.maxNoResult) problems.push(`${total.noResult} cases without a result (floor allows ${floor.maxNoResult})`);
    for (const p of problems) console.error(`conformance: ${p}`);
    if (problems.length) {
      printClosingLine(total, cases.length);
      return 1;
    }
    console.log("conformance: at or above the floor");
  }
  printClosingLine(total, cases.length);
  return 0;
}

/** The plain "N passed, N failed" line CI reads; unscored cases (upstream's TODO/disabled) count as skipped. */
function printClosingLine(total: Tally, caseCount: number): void {
  console.log(`conformance: ${total.agree} passed, ${total.cases - total.agree} failed, ${caseCount - total.cases} skipped`);
}

main().then((code) => process.exit(code), (err) => {
  console.error(err);
  process.exit(2);
});
