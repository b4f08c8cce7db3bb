/**
 * Bundles the CLI into one file (dist/aaprof.cjs) and records V8's compiled code for it
 * (dist/aaprof.cjs.code-cache), which bin/aaprof hands back to V8 at start-up.
 *
 * Why: start-up is most of a short run (a pre-commit hook, one profile checked in an editor). Loading one
 * module instead of several hundred (lodash-es alone is hundreds) was the first cut; compiling that module
 * is the next largest cost, and Node 20 has no compile cache of its own for it (module.enableCompileCache
 * came in Node 22). Prettier stays external: it is large and only `aaprof fmt` needs it.
 *
 * The bundle is CommonJS because V8's code cache is offered for scripts (vm.Script), not for ES modules.
 */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { build } from "esbuild";

const outfile = "dist/aaprof.cjs";
const cacheFile = `${outfile}.code-cache`;

await build({
  entryPoints: ["src/cli/entry.ts"],
  outfile,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  minifySyntax: true,
  external: ["prettier", "prettier/*"],
  // The sources are ES modules that find their own file through import.meta.url.
  define: { "import.meta.url": "__aaprofModuleUrl" },
  banner: { js: "const __aaprofModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: "warning",
});

// The cache holds what was compiled by the time it is written, so it is written after a real run: lint (which
// checks too) over the bundled fixtures. A stale or missing cache only costs start-up time; bin/aaprof runs
// without one.
rmSync(cacheFile, { force: true });
const run = spawnSync(process.execPath, ["bin/aaprof", "lint", "--format", "json", "fixtures/profiles"], {
  env: { ...process.env, AAPROF_WRITE_CODE_CACHE: cacheFile },
  stdio: "ignore",
});
if (run.error || (run.status !== 0 && run.status !== 1)) {
  console.warn(`bundle: no code cache written (the warm-up run ended with ${run.error?.message ?? `exit ${run.status}`})`);
}
