/**
 * Text → AST. The entry point of the front end: scan, parse, build, and report syntax problems as
 * diagnostics. Never throws on bad input.
 */
import type { CstNode, IRecognitionException, IToken } from "chevrotain";
import { lex } from "../../grammar/lexer.js";
import { AppArmorParser, ParseAborted, RecoveryTooCostly } from "../../grammar/parser.js";
import * as T from "../../grammar/tokens.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { LineIndex } from "../source/source.js";
import { AstBuilder } from "./build.js";
import type { Comment, File, Range } from "./nodes.js";

export interface ParseResult {
  ast: File;
  /** Syntax problems. When there are any, `ast` holds what could be recovered. */
  diagnostics: Diagnostic[];
}

/** Parsers are reusable and costly to build (grammar self-analysis): one per process. */
let sharedParser: AppArmorParser | undefined;
let strictParser: AppArmorParser | undefined;
function parser(): AppArmorParser {
  sharedParser ??= new AppArmorParser();
  return sharedParser;
}

function errorRange(tok: IToken, lines: LineIndex): Range {
  if (Number.isNaN(tok.startOffset) || tok.startOffset === undefined) {
    const end = lines.position(lines.text.length);
    return { start: end, end };
  }
  return lines.range(tok.startOffset, (tok.endOffset ?? tok.startOffset) + 1);
}

/**
 * Real profiles nest a handful of levels (upstream's own stress test: 100 nested ifs). The parser is
 * recursive descent, so hostile input must be cut off well before the call stack is.
 */
export const MAX_NESTING = 256;

/** Index of the first token past the nesting limit, or -1. */
function tooDeep(tokens: IToken[]): number {
  let depth = 0;
  let nots = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!.tokenType;
    if (t === T.Open || t === T.OpenParen) depth++;
    else if (t === T.Close || t === T.CloseParen) depth = Math.max(0, depth - 1);
    nots = t === T.Not ? nots + 1 : 0;
    if (depth + nots > MAX_NESTING) return i;
  }
  return -1;
}

/** The tree of the tokens before a syntax error, or undefined if even that does not parse cheaply. */
function partialTree(p: AppArmorParser, tokens: IToken[]): CstNode | undefined {
  try {
    p.start(tokens);
    return p.file();
  } catch (err) {
    if (err instanceof ParseAborted || err instanceof RangeError || err instanceof RecoveryTooCostly) return undefined;
    throw err;
  }
}

export function parse(text: string, file = "<input>"): ParseResult {
  const lines = new LineIndex(text);
  const lexed = lex(text);
  const cut = tooDeep(lexed.tokens);
  if (cut !== -1) {
    const t = lexed.tokens[cut]!;
    lexed.errors.unshift({
      message: `blocks are nested more than ${MAX_NESTING} levels deep`,
      offset: t.startOffset, length: t.image.length, line: t.startLine ?? 1, column: t.startColumn ?? 1,
    });
    lexed.tokens.length = cut;
  }
  let p = parser();
  let cst: CstNode | undefined;
  let errors: IRecognitionException[] = [];
  try {
    p.start(lexed.tokens);
    cst = p.file();
    errors = p.errors;
  } catch (err) {
    if (err instanceof ParseAborted) {
      // The first errors are known; keep the tree up to the first one.
      errors = p.errors;
      const at = errors[0] ? lexed.tokens.indexOf(errors[0].token) : -1;
      cst = at > 0 ? partialTree(p, lexed.tokens.slice(0, at)) : undefined;
    } else if (err instanceof RangeError || err instanceof RecoveryTooCostly) {
      // Error recovery recurses deeper than parsing, and re-syncs at every level of nesting: deeply nested
      // broken input can exhaust the stack or take depth × length steps. Parse again without recovery: the
      // first error is found in one pass, only the tree after it is lost.
      strictParser ??= new AppArmorParser(false);
      p = strictParser;
      try {
        p.start(lexed.tokens);
        cst = p.file();
        errors = p.errors;
      } catch (again) {
        if (!(again instanceof RangeError) && !(again instanceof ParseAborted)) throw again;
        errors = p.errors;
        if (!errors.length) {
          lexed.errors.unshift({ message: "input is nested too deeply to parse", offset: 0, length: 1, line: 1, column: 1 });
        }
      }
    } else {
      throw err;
    }
  }
  const comments: Comment[] = lexed.comments.map((c) => ({
    type: "Comment",
    text: c.text,
    range: lines.range(c.startOffset, c.endOffset + 1),
  }));
  const ast = new AstBuilder(lines).file(cst as never, comments, text.length, lines.position(text.length));

  const diagnostics: Diagnostic[] = [];
  const lexError = [...lexed.errors].sort((a, b) => a.offset - b.offset)[0];
  if (lexError) {
    diagnostics.push({
      code: "AA1001", rule: "syntax-error", severity: "error", message: lexError.message, file,
      range: lines.range(lexError.offset, lexError.offset + lexError.length),
    });
  }
  // The first parse error is the real one; recovery makes the rest mostly echoes of it.
  const parseError: IRecognitionException | undefined = errors[0];
  if (parseError) {
    const range = errorRange(parseError.token, lines);
    if (!lexError || range.start.offset < lexError.offset) {
      diagnostics.push({ code: "AA1002", rule: "syntax-error", severity: "error", message: parseError.message, file, range });
    }
  }
  diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset);
  const first = diagnostics[0];
  if (first && !first.help && lexed.tokens.some((t) => t.image.includes("\r"))) first.help = CARRIAGE_RETURN_HELP;
  return { ast, diagnostics };
}

/** Why a CRLF file fails where the same text with LF line ends would not. */
const CARRIAGE_RETURN_HELP =
  "the file has CRLF line ends: inside network, mount, dbus, unix, signal and ptrace rules and conditions, " +
  "apparmor_parser reads a carriage return as part of the word before it; convert the file to LF line ends " +
  "(`aaprof fmt --write` does)";
