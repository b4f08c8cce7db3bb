/**
 * `aaprof fmt`: the canonical layout, over files, directories or stdin.
 *
 *   aaprof fmt FILE          the formatted text on stdout
 *   aaprof fmt PATH...       a unified diff of each file that would change
 *   aaprof fmt --write ...   rewrite changed files in place
 *   aaprof fmt --check ...   list files that would change; exit 1 if any
 *   aaprof fmt -             stdin to stdout
 *
 * Exit status: 0 done, 1 `--check` found files to change, 2 a file could not be read or parsed (it is never
 * written), a usage error, or an internal error.
 */
import { readFileSync, statSync } from "node:fs";
import { dirname } from "node:path";
import type { Command } from "commander";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { FileResult } from "../diagnostics/render/json.js";
import { renderStylish } from "../diagnostics/render/stylish.js";
import { unifiedDiff } from "../format/diff.js";
import { formatText } from "../format/index.js";
import { writeFileAtomic } from "../project/write.js";
import { decodeProfile } from "../source/source.js";
import { describeIo, expandInputs } from "./inputs.js";
import { internalError, ioError, type CommandContext, type Io } from "./shared.js";

export function registerFmt(program: Command, ctx: CommandContext): void {
  program
    .command("fmt")
    .description("format profiles in aaprof's canonical layout: the text of one file, or a diff for several")
    .argument("<paths...>", "profile files or directories ('-' reads stdin and writes stdout)")
    .option("-w, --write", "rewrite files that would change, in place")
    .option("-c, --check", "list files that would change (exit 1 if any); change nothing")
    .option("--sort", "group rules in the canonical order (include, rlimit, capability, network, …, file rules)")
    .action(async (paths: string[], opts: FmtCliOptions) => ctx.setExitCode(await fmtCommand(paths, opts, ctx.io)));
}

export interface FmtCliOptions {
  write?: boolean;
  check?: boolean;
  sort?: boolean;
}

const STDIN = "<stdin>";

/** One input: a file found under `root` (the directory given, or the file's own directory), or stdin. */
interface Input {
  path: string;
  root: string | null;
}

export async function fmtCommand(paths: string[], opts: FmtCliOptions, io: Io): Promise<number> {
  if (opts.write && opts.check) {
    io.err("aaprof fmt: --write and --check cannot be used together\n");
    return 2;
  }
  const inputs: Input[] = [];
  const problems: FileResult[] = [];
  let listedDirectory = false;
  for (const p of paths) {
    if (p === "-") {
      inputs.push({ path: STDIN, root: null });
      continue;
    }
    const { files, errors } = expandInputs([p]);
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      // Reported by expandInputs.
    }
    listedDirectory ||= isDir;
    for (const f of files) inputs.push({ path: f.path, root: isDir ? p : dirname(p) });
    for (const e of errors) problems.push({ filePath: e.path, diagnostics: [ioError(e.path, e.message)] });
  }
  const single = inputs.length === 1 && !listedDirectory;
  const sources = new Map<string, string>();
  let internal = false;
  let wouldChange = false;

  for (const input of inputs) {
    const fail = (d: Diagnostic) => problems.push({ filePath: input.path, diagnostics: [d] });
    let text: string;
    let hadBom = false;
    if (input.root === null) {
      text = io.stdin();
    } else {
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(input.path);
      } catch (err) {
        fail(ioError(input.path, `cannot read: ${describeIo(err)}`));
        continue;
      }
      const decoded = decodeProfile(bytes);
      if (!decoded.ok) {
        fail({
          code: decoded.code, rule: decoded.rule, severity: "error", message: decoded.message, file: input.path,
          range: { start: decoded.position, end: decoded.position },
        });
        continue;
      }
      text = decoded.text;
      hadBom = decoded.hadBom;
    }
    sources.set(input.path, text);

    let result;
    try {
      result = await formatText(text, { filePath: input.path, sort: opts.sort === true });
    } catch (err) {
      internal = true;
      fail(internalError(input.path, err));
      continue;
    }
    if (!result.ok) {
      problems.push({ filePath: input.path, diagnostics: result.diagnostics });
      continue;
    }
    const formatted = result.text;
    const changed = hadBom || formatted !== text;

    if (input.root === null) {
      if (opts.check) {
        if (changed) io.out(`${STDIN}\n`);
      } else io.out(formatted);
      wouldChange ||= changed;
      continue;
    }
    if (opts.check) {
      if (changed) io.out(`${input.path}\n`);
      wouldChange ||= changed;
    } else if (opts.write) {
      if (!changed) continue;
      const refused = writeInPlace(input.path, input.root, formatted);
      if (refused) fail(refused);
      else io.out(`${input.path}\n`);
    } else if (single) {
      io.out(formatted);
    } else {
      io.out(unifiedDiff(input.path, (hadBom ? "\uFEFF" : "") + text, formatted));
    }
  }

  if (problems.length > 0) {
    io.err(renderStylish(problems, { source: (p) => sources.get(p) ?? readQuietly(p) }));
  }
  if (internal || problems.length > 0) return 2;
  return opts.check && wouldChange ? 1 : 0;
}

function readQuietly(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** Writes through the shared atomic writer; a diagnostic when the file was not written. */
function writeInPlace(path: string, root: string, text: string): Diagnostic | null {
  try {
    writeFileAtomic(path, text, { root });
    return null;
  } catch (err) {
    return ioError(path, `not written: ${err instanceof Error && !("code" in err) ? err.message : describeIo(err)}`);
  }
}

