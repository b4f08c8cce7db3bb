/**
 * argv → command. Nothing else lives here: each command registers itself from its own file and is a thin
 * shell over the library.
 */
import { Command, CommanderError } from "commander";
import { registerCheck } from "./check.js";
import { registerEmit } from "./emit.js";
import { registerFmt } from "./fmt.js";
import { registerK8s } from "./k8s.js";
import { registerLint } from "./lint.js";
import { registerLoad } from "./load.js";
import { processIo, type CommandContext, type Io } from "./shared.js";
import { VERSION } from "./version.js";


export async function main(argv: string[], io: Io = processIo, workerScript?: string): Promise<number> {
  const program = new Command();
  let exitCode = 0;
  const ctx: CommandContext = { io, setExitCode: (c) => (exitCode = c), ...(workerScript ? { workerScript } : {}) };
  program
    .name("aaprof")
    .description("Compiler front end, linter and formatter for AppArmor profiles")
    .version(VERSION, "-V, --version")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });

  registerCheck(program, ctx);
  registerLint(program, ctx);
  registerFmt(program, ctx);
  registerEmit(program, ctx);
  registerK8s(program, ctx);
  registerLoad(program, ctx);

  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    throw err;
  }
  return exitCode;
}
