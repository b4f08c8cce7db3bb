/**
 * What the fuzzer runs each input through: every command's library entry point. An exception from any of
 * them is a bug; so is a hang or a heap blow-up, which the runner detects from outside.
 */
import { formatText } from "../../src/format/index.js";
import { Linter } from "../../src/lint/engine.js";
import { Checker } from "../../src/project/checker.js";
import { memoryFs } from "../helpers.js";

export type FuzzTarget = (text: string) => unknown | Promise<unknown>;

const includes = memoryFs({
  "/inc/abstractions/base": "/etc/ld.so.cache r,\n",
  "/inc/tunables/global": "@{HOME} = /home/*/\n@{PROC} = /proc/\n",
});

export const fuzzTargets: [string, FuzzTarget][] = [
  ["check", (text) => new Checker({ cwd: "/work", includeDirs: ["/inc"], fs: includes }).checkFile("/work/fuzz.profile", text)],
  ["check (fragment)", (text) => new Checker({ cwd: "/work", includeDirs: ["/inc"], fs: includes, fragments: "auto" })
    .checkFile("/work/abstractions/fuzz", text)],
  ["lint", (text) => new Linter({ cwd: "/work", includeDirs: ["/inc"], fs: includes, config: { extends: "strict" } })
    .lintFile("/work/fuzz.profile", { text, fix: true })],
  ["format", async (text) => {
    const r = await formatText(text);
    // Formatting its own output must be a fixed point.
    if (r.ok) {
      const again = await formatText(r.text);
      if (!again.ok || again.text !== r.text) throw new Error("formatting is not idempotent on this input");
    }
  }],
];
