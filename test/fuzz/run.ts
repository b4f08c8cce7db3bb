/**
 * `npm run fuzz -- --seconds N [--seed S]`: mutates the fixtures and the shared corpus (byte flips,
 * truncation, duplicated and deleted lines, deep nesting, huge tokens, NUL bytes, invalid UTF-8, very long
 * lines) and runs every phase on each result. Any exception, hang or heap blow-up is saved as a regression
 * fixture in fixtures/regressions/, which `npm test` replays.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { applyMutation, random, randomMutation } from "../robustness/mutate.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const TIMEOUT_MS = 10_000;
const HEAP_MB = 1024;

function args(): { seconds: number; seed: number } {
  const argv = process.argv.slice(2);
  let seconds = 60;
  let seed = Date.now() & 0x7fffffff;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--seconds") seconds = Number(argv[++i]);
    else if (argv[i] === "--seed") seed = Number(argv[++i]);
  }
  return { seconds, seed };
}

function files(dir: string, out: string[] = [], depth = 0): string[] {
  if (!existsSync(dir) || depth > 8) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) files(p, out, depth + 1);
    else if (st.size < 200_000) out.push(p);
  }
  return out;
}

function seedTexts(): string[] {
  const dirs = [
    join(root, "fixtures"),
    join(root, "..", "shared", "corpus", "conformance", "simple_tests"),
    join(root, "..", "shared", "corpus", "profiles"),
  ];
  return dirs.flatMap((d) => files(d)).map((f) => readFileSync(f, "utf8"));
}

/**
 * Shrinks a failing input while it still fails, so that what is saved is the cause rather than the file it
 * was found in (the seeds include third-party corpus files, which must not be copied into the repository).
 */
async function minimize(text: string, fails: (t: string) => Promise<boolean>, budgetMs: number): Promise<string> {
  const stop = Date.now() + budgetMs;
  let lines = text.split("\n");
  for (let chunk = Math.ceil(lines.length / 2); chunk >= 1 && Date.now() < stop; chunk = Math.floor(chunk / 2)) {
    for (let i = 0; i < lines.length && Date.now() < stop; ) {
      const candidate = [...lines.slice(0, i), ...lines.slice(i + chunk)];
      if (candidate.length && (await fails(candidate.join("\n")))) lines = candidate;
      else i += chunk;
    }
  }
  let out = lines.join("\n");
  for (let cut = Math.ceil(out.length / 2); cut >= 1 && Date.now() < stop; cut = Math.floor(cut / 2)) {
    for (let i = 0; i < out.length && Date.now() < stop; ) {
      const candidate = out.slice(0, i) + out.slice(i + cut);
      if (candidate.length && (await fails(candidate))) out = candidate;
      else i += cut;
    }
  }
  return out;
}

function save(text: string, what: string, dir = join(root, "fixtures", "regressions")): string {
  mkdirSync(dir, { recursive: true });
  const id = createHash("sha256").update(text).digest("hex").slice(0, 12);
  writeFileSync(join(dir, `${id}.profile`), text);
  writeFileSync(join(dir, `${id}.txt`), `${what}\n`);
  return id;
}

async function main(): Promise<void> {
  const { seconds, seed } = args();
  const seeds = seedTexts();
  const rand = random(seed);
  const workerFile = join(dirname(fileURLToPath(import.meta.url)), "worker.js");
  const deadline = Date.now() + seconds * 1000;
  const newWorker = () => new Worker(workerFile, { resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } });
  let worker = newWorker();
  const runOne = (text: string, timeout: number) =>
    new Promise<{ failed: string | null; error?: string }>((done) => {
      const timer = setTimeout(() => finish({ failed: "timeout", error: `no result after ${timeout} ms` }), timeout);
      const onMessage = (m: { failed: string | null; error?: string }) => finish(m);
      const onError = (err: Error) => finish({ failed: "crash", error: err.message });
      const finish = (m: { failed: string | null; error?: string }) => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        done(m);
      };
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.postMessage({ id: 0, text });
    });
  let runs = 0;
  let failures = 0;
  console.log(`fuzz: seed ${seed}, ${seeds.length} seed files, ${seconds} s`);
  let nextReport = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (Date.now() >= nextReport) {
      console.log(`fuzz: ${runs} inputs so far, ${failures} failures`);
      nextReport += 60_000;
    }
    let text = seeds[Math.floor(rand() * seeds.length)]!;
    const n = 1 + Math.floor(rand() * 4);
    for (let i = 0; i < n; i++) text = applyMutation(text, randomMutation(rand));
    const outcome = await runOne(text, TIMEOUT_MS);
    runs++;
    if (outcome.failed) {
      failures++;
      await worker.terminate();
      worker = newWorker();
      const kind = outcome.failed;
      const small = await minimize(text, async (t) => {
        const o = await runOne(t, kind === "timeout" ? 2_000 : TIMEOUT_MS);
        if (o.failed) {
          await worker.terminate();
          worker = newWorker();
        }
        return o.failed === kind;
      }, 120_000);
      // Shrinking a timeout uses a shorter limit, which a busy machine can trip on its own: keep the shrunk
      // input only if it still fails at the full limit.
      let reproduces = true;
      if (small !== text) {
        const again = await runOne(small, TIMEOUT_MS);
        if (again.failed) {
          await worker.terminate();
          worker = newWorker();
        }
        reproduces = again.failed === kind;
      }
      if (reproduces) {
        const id = save(small, `${kind}: ${outcome.error}`);
        console.log(`fuzz: ${kind} on an input of ${text.length} characters, shrunk to ${small.length}, saved as fixtures/regressions/${id}.profile`);
      } else {
        // The unshrunk input may hold corpus text, which must not enter the repository: keep it outside
        // fixtures/ (ignored by git) for a person to reduce by hand.
        const id = save(text, `${kind}: ${outcome.error}`, join(root, ".fuzz-findings"));
        console.log(`fuzz: ${kind} on an input of ${text.length} characters that did not shrink; kept as .fuzz-findings/${id}.profile (reduce it by hand)`);
      }
    }
  }
  await worker.terminate();
  console.log(`fuzz: ${runs} inputs, ${failures} failures, seed ${seed}`);
  process.exitCode = failures ? 1 : 0;
}

void main();
