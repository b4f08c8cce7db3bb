/**
 * Bundles the CLI into one file (dist/aaprof.mjs). Loading a single module instead of several hundred
 * (lodash-es alone is hundreds) is most of aaprof's start-up time. Prettier stays external: it is large and
 * only `aaprof fmt` needs it.
 */
import { build } from "esbuild";

await build({
  entryPoints: ["src/cli/entry.ts"],
  outfile: "dist/aaprof.mjs",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  minifySyntax: true,
  external: ["prettier", "prettier/*"],
  // Bundled CommonJS dependencies (commander) call require(); ESM output needs one defined.
  banner: { js: "import { createRequire as __aaprofRequire } from 'node:module'; const require = __aaprofRequire(import.meta.url);" },
  logLevel: "warning",
});
