/**
 * The formatter's library entry point. Other phases (the emitter, the apparmor_parser bridge) and
 * `aaprof fmt` format profile text through this function only; it runs Prettier with the plugin of ./plugin.ts.
 */
import { createRequire } from "node:module";
import type { ParserOptions } from "prettier";
import type { File } from "../ast/nodes.js";
import { parse } from "../ast/parse.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { firstDifference, meaning } from "./meaning.js";
import { createPlugin, ProfileSyntaxError } from "./plugin.js";

export interface FormatOptions {
  /** Group and order rules in the documented canonical order. */
  sort?: boolean;
  /** The file name, for diagnostics. */
  filePath?: string;
}

export type FormatResult = { ok: true; text: string } | { ok: false; diagnostics: Diagnostic[] };

const BOM = "\uFEFF";

/**
 * Formats one file's text. Never changes what the profile permits; refuses text that does not parse.
 *
 * The output is LF-only, without a byte-order mark (apparmor_parser rejects a BOM as an unexpected character),
 * and is parsed again before it is returned: if its meaning (./meaning.ts) differs from the input's, the
 * result is an error, never a rewritten profile.
 */
export async function formatText(text: string, options: FormatOptions = {}): Promise<FormatResult> {
  const file = options.filePath ?? "<input>";
  const source = text.startsWith(BOM) ? text.slice(1) : text;
  // Loaded here, not at start-up: only formatting needs Prettier. Through its CommonJS entry, because the
  // CLI runs as a script with V8's code cache (bin/aaprof), where import() has no loader to call.
  const prettier = createRequire(import.meta.url)("prettier") as typeof import("prettier");
  const plugin = createPlugin(prettier);
  let parsed: File | undefined;
  let comments: File["comments"] = [];
  // The plugin's parser, keeping the AST Prettier parses for the check below. Prettier takes the File's
  // comment list away (it hangs each comment on a node), so the list is kept beside it.
  const aaprof = plugin.parsers!["aaprof"]!;
  plugin.parsers = {
    aaprof: {
      ...aaprof,
      parse: async (t: string, o: ParserOptions) => {
        parsed = (await aaprof.parse(t, o)) as File;
        comments = parsed.comments;
        return parsed;
      },
    },
  };
  let formatted: string;
  try {
    formatted = await prettier.format(source, {
      parser: "aaprof",
      plugins: [plugin],
      filepath: options.filePath,
      aaprofSort: options.sort === true,
      tabWidth: 2,
      useTabs: false,
      printWidth: 80,
      endOfLine: "lf",
    });
  } catch (err) {
    if (err instanceof ProfileSyntaxError) return { ok: false, diagnostics: syntaxErrors(source, file, err) };
    throw err;
  }
  // Blank input is not parsed; text that was already formatted has nothing to verify.
  if (parsed === undefined || formatted === source) return { ok: true, text: formatted };
  const unordered = options.sort === true;
  let before: string;
  if (source.includes("\r")) {
    // Prettier turns every \r into \n before parsing. apparmor_parser reads CRLF as a line end too, but a
    // lone \r inside a comment does not end it, and inside quotes it is part of the value: the meaning to
    // keep is the one of the text as given.
    const original = parse(source, file);
    const errors = original.diagnostics.filter((d) => d.severity === "error");
    if (errors.length === 0) {
      before = meaning(original.ast, { unordered });
    } else if (!/\r(?!\n)/.test(source)) {
      // Only CRLF pairs, and the text as given does not compile (a carriage return glued to a word of a
      // dbus or network rule): what the author meant is the text with LF line ends, which is what Prettier
      // parsed and what the output must mean.
      before = meaning({ ...parsed, comments }, { unordered });
    } else {
      return { ok: false, diagnostics: errors };
    }
  } else {
    before = meaning({ ...parsed, comments }, { unordered });
  }
  const again = parse(formatted, file);
  const after = again.diagnostics.length === 0 ? meaning(again.ast, { unordered }) : "";
  if (after !== before) {
    const detail = again.diagnostics[0]?.message ?? firstDifference(before, after);
    return { ok: false, diagnostics: [meaningChanged(file, detail, source.includes("\r"))] };
  }
  return { ok: true, text: formatted };
}

/** Positions in the text as given: Prettier parsed it with its line ends normalised. */
function syntaxErrors(source: string, file: string, err: ProfileSyntaxError): Diagnostic[] {
  const own = parse(source, file).diagnostics.filter((d) => d.severity === "error");
  return own.length > 0 ? own : err.diagnostics;
}

function meaningChanged(file: string, detail: string, carriageReturn: boolean): Diagnostic {
  const start = { offset: 0, line: 1, column: 1 };
  return {
    code: "AA9998",
    rule: "format-changes-meaning",
    severity: "error",
    message: carriageReturn
      ? "the file has a carriage return inside a comment or quoted string, which LF line ends would change: "
        + "it was not formatted"
      : "the formatted text would not mean the same as the original, so it was not produced "
        + "(please report this with the file)",
    help: detail.length > 400 ? `${detail.slice(0, 400)}…` : detail,
    file,
    range: { start, end: start },
  };
}
