/** Process entry: runs the CLI and turns anything unexpected into exit code 2, never a stack trace. */
import { main } from "./main.js";

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`aaprof: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    if (process.env["AAPROF_DEBUG"]) process.stderr.write(`${err instanceof Error ? err.stack : ""}\n`);
    process.exitCode = 2;
  },
);
