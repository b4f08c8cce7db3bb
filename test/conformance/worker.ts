/** Runs conformance cases handed over by run.ts and posts one verdict per case. */
import { parentPort, workerData } from "node:worker_threads";
import { join } from "node:path";
import { Checker } from "../../src/project/checker.js";

interface Job {
  index: number;
  path: string;
  text: string;
}

const { corpus } = workerData as { corpus: string };
const checker = new Checker({ cwd: corpus, includeDirs: [join(corpus, "simple_tests")] });

parentPort!.on("message", (jobs: Job[]) => {
  for (const job of jobs) {
    let verdict: "PASS" | "FAIL" | "CRASH";
    let message = "";
    try {
      const report = checker.checkFile(join(corpus, job.path), job.text);
      const first = report.diagnostics.find((d) => d.severity === "error");
      verdict = first ? "FAIL" : "PASS";
      if (first) message = `${first.range.start.line}:${first.range.start.column} ${first.message}`;
    } catch (err) {
      verdict = "CRASH";
      message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    }
    parentPort!.postMessage({ index: job.index, verdict, message });
  }
  parentPort!.postMessage({ done: true });
});
