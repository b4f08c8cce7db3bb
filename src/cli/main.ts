/**
 * argv → command. Nothing else lives here: each command is a thin shell over the library.
 */
import { Command, CommanderError, Option } from "commander";
import { checkCommand } from "./check.js";
import { processIo, type Io } from "./shared.js";

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const program = new Command();
  let exitCode = 0;
  program
    .name("aaprof")
    .description("Compiler front end, linter and formatter for AppArmor profiles")
    .version(VERSION, "-V, --version")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });

  program
    .command("check")
    .description("report what makes profiles invalid, as apparmor_parser would (exit 1 when any file has an error)")
    .argument("<paths...>", "profile files or directories ('-' reads stdin)")
    .option("-I, --include <dir>", "include base for <...> includes, searched in order (repeatable)", collect, [])
    .addOption(new Option("-f, --format <format>", "output format").choices(["stylish", "json"]).default("stylish"))
    .action((paths: string[], opts: { include: string[]; format: "stylish" | "json" }) => {
      exitCode = checkCommand(paths, opts, io);
    });

  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : 2;
    }
    throw err;
  }
  return exitCode;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export const VERSION = "0.1.0";
