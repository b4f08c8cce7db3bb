/**
 * Process entry: runs the CLI and turns anything unexpected into exit code 2, never a stack trace. The same
 * module is what worker threads run (src/project/pool.ts), so one bundle serves both.
 */
import { fileURLToPath } from "node:url";
import { isPoolWorker, runPoolWorker } from "../project/pool.js";
import { main } from "./main.js";
import { processIo } from "./shared.js";
import { workerHandlers } from "./workers.js";

if (isPoolWorker()) {
  runPoolWorker(workerHandlers);
} else {
  main(process.argv.slice(2), processIo, fileURLToPath(import.meta.url)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`aaprof: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
      if (process.env["AAPROF_DEBUG"]) process.stderr.write(`${err instanceof Error ? err.stack : ""}\n`);
      process.exitCode = 2;
    },
  );
}
