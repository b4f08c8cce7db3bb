/**
 * The Prettier plugin for AppArmor profiles, built on the Prettier instance that will run it.
 *
 * ./prettier-plugin.ts (what `prettier --plugin aaprof/prettier` loads) builds it on the Prettier that loaded
 * the plugin; `formatText()` builds it on Prettier imported when something is first formatted, so that
 * `aaprof check` and the other commands never load Prettier at all.
 *
 * Prettier attaches comments from the real source ranges (locStart/locEnd) and ./comments.ts decides where
 * each one belongs; Prettier then refuses to finish if any comment went unprinted.
 */
import type { Parser, Plugin, Printer, SupportLanguage, SupportOptions } from "prettier";
import type { File, Node } from "../ast/nodes.js";
import { parse as parseProfile } from "../ast/parse.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import {
  attachComment, canAttachComment, commentText, getVisitorKeys, type AttachedComment, type CommentUtil,
} from "./comments.js";
import { createPrint, type AaprofOptions, type Builders } from "./printer.js";

/** What the plugin needs of Prettier at run time. */
export interface PrettierApi {
  doc: { builders: Builders };
  util: CommentUtil;
}

/** Directories of a profile tree whose files are not profile text. */
const NOT_PROFILES = /\/apparmor\.d\/(?:abi|cache|cache\.d|disable|force-complain)\//;

export const languages: SupportLanguage[] = [
  {
    name: "AppArmor",
    parsers: ["aaprof"],
    extensions: [".apparmor", ".aa", ".profile", ".sd"],
    vscodeLanguageIds: ["apparmor"],
    // Installed profiles have no extension (usr.sbin.dnsmasq): recognise them by where they live.
    isSupported: ({ filepath }) => filepath.includes("/apparmor.d/") && !NOT_PROFILES.test(filepath),
  },
];

export const options: SupportOptions = {
  aaprofSort: {
    type: "boolean",
    category: "AppArmor",
    default: false,
    description: "Group rules in aaprof's canonical order (include, rlimit, capability, network, …, file rules).",
  },
};

export const defaultOptions = { tabWidth: 2, useTabs: false, printWidth: 80 };

/** The syntax errors of a file that cannot be formatted; `loc` gives Prettier's code frame. */
export class ProfileSyntaxError extends SyntaxError {
  readonly loc: { start: { line: number; column: number }; end: { line: number; column: number } };

  constructor(readonly diagnostics: Diagnostic[]) {
    const first = diagnostics[0]!;
    super(first.message);
    this.name = "ProfileSyntaxError";
    this.loc = {
      start: { line: first.range.start.line, column: first.range.start.column },
      end: { line: first.range.end.line, column: first.range.end.column },
    };
  }
}

const locStart = (node: Node): number => node.range.start.offset;
const locEnd = (node: Node): number => node.range.end.offset;

export const parser: Parser<Node> = {
  astFormat: "aaprof",
  locStart,
  locEnd,
  parse(text, opts) {
    const file = typeof opts.filepath === "string" ? opts.filepath : "<input>";
    const { ast, diagnostics } = parseProfile(text, file);
    const errors = diagnostics.filter((d) => d.severity === "error");
    if (errors.length > 0) throw new ProfileSyntaxError(errors);
    return ast;
  },
};

export function createPrinter(prettier: PrettierApi): Printer<Node> {
  const print = createPrint(prettier.doc.builders);
  const attach = (comment: AttachedComment, text: string, _opts: unknown, ast: Node) =>
    attachComment(comment, text, ast as File, prettier.util);
  return {
    print: (path, opts, printChild) => print(path, opts as AaprofOptions, printChild),
    printComment: (path) => commentText(path.node as AttachedComment),
    canAttachComment,
    getVisitorKeys,
    handleComments: { ownLine: attach, endOfLine: attach, remaining: attach },
  };
}

export function createPlugin(prettier: PrettierApi): Plugin<Node> {
  return {
    languages,
    parsers: { aaprof: parser },
    printers: { aaprof: createPrinter(prettier) },
    options,
    defaultOptions,
  };
}
