/** Runs one fuzz input through every phase; the parent watches the clock and the heap. */
import { parentPort } from "node:worker_threads";
import { fuzzTargets } from "./targets.js";

parentPort!.on("message", async (input: { id: number; text: string }) => {
  for (const [name, target] of fuzzTargets) {
    try {
      await target(input.text);
    } catch (err) {
      parentPort!.postMessage({ id: input.id, failed: name, error: err instanceof Error ? err.stack ?? err.message : String(err) });
      return;
    }
  }
  parentPort!.postMessage({ id: input.id, failed: null });
});
