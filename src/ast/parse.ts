/**
 * Text → AST. The entry point of the front end: scan, parse, build, and report syntax problems as
 * diagnostics. Never throws on bad input.
 */
import type { IRecognitionException, IToken } from "chevrotain";
import { lex } from "../../grammar/lexer.js";
import { AppArmorParser } from "../../grammar/parser.js";
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

export function parse(text: string, file = "<input>"): ParseResult {
  const lines = new LineIndex(text);
  const lexed = lex(text);
  const p = parser();
  p.input = lexed.tokens;
  const cst = p.file();
  const comments: Comment[] = lexed.comments.map((c) => ({
    type: "Comment",
    text: c.text,
    range: lines.range(c.startOffset, c.endOffset + 1),
  }));
  const ast = new AstBuilder().file(cst as never, comments, text.length, lines.position(text.length));

  const diagnostics: Diagnostic[] = [];
  const lexError = lexed.errors[0];
  if (lexError) {
    diagnostics.push({
      code: "AA1001", rule: "syntax-error", severity: "error", message: lexError.message, file,
      range: lines.range(lexError.offset, lexError.offset + lexError.length),
    });
  }
  // The first parse error is the real one; recovery makes the rest mostly echoes of it.
  const parseError: IRecognitionException | undefined = p.errors[0];
  if (parseError) {
    const range = errorRange(parseError.token, lines);
    if (!lexError || range.start.offset < lexError.offset) {
      diagnostics.push({ code: "AA1002", rule: "syntax-error", severity: "error", message: parseError.message, file, range });
    }
  }
  diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset);
  return { ast, diagnostics };
}
