/** Runs conformance cases handed over by run.ts and posts one verdict per case. */
import { parentPort, workerData } from "node:worker_threads";
import { dirname, join } from "node:path";
import { Checker } from "../../src/project/checker.js";
import { nodeFileSystem, type FileSystem } from "../../src/project/workspace.js";

interface Job {
  index: number;
  path: string;
  text: string;
}

const { corpus } = workerData as { corpus: string };

/**
 * Upstream runs the suite from parser/tst, and some cases include "../tst/simple_tests/…". The corpus
 * folder here has another name, so the run presents it under a working directory named tst.
 */
const cwd = join(dirname(corpus), "tst");
const toReal = (p: string) => (p === cwd || p.startsWith(cwd + "/") ? corpus + p.slice(cwd.length) : p);
const fs: FileSystem = {
  readFile: (p) => nodeFileSystem.readFile(toReal(p)),
  kind: (p) => nodeFileSystem.kind(toReal(p)),
  readDir: (p) => nodeFileSystem.readDir(toReal(p)),
};
const checker = new Checker({ cwd, includeDirs: [join(cwd, "simple_tests")], fs });

parentPort!.on("message", (jobs: Job[]) => {
  for (const job of jobs) {
    let verdict: "PASS" | "FAIL" | "CRASH";
    let message = "";
    try {
      const report = checker.checkFile(join(cwd, job.path), job.text);
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
