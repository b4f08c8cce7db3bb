/**
 * From what apparmor_parser names (a file and a line of the text it was given, or a profile, a rule or a
 * variable) back to the user's source: file, line and column, with the include chain.
 *
 * The checked file reaches the compiler normalized by the formatter, so its line numbers are those of the
 * normalized text. Both texts are parsed and their items paired in order: the formatter changes layout, not
 * the sequence of items, so the n-th item of one is the n-th item of the other. Included files reach the
 * compiler as they are on disk (it reads them itself), so their lines are the user's own.
 */
import { resolve as resolvePath } from "node:path";
import { parse } from "../ast/parse.js";
import type { File, Item, Range } from "../ast/nodes.js";
import type { RelatedLocation } from "../diagnostics/diagnostic.js";
import type { Workspace } from "../project/workspace.js";
import type { IncludeStep, Origin, Program, ResolvedProfile } from "../resolve/model.js";
import { LineIndex } from "../source/source.js";

export interface Place {
  file: string;
  range: Range;
  related?: RelatedLocation[];
  /** True when the place was found exactly; false when it is a best guess (the start of a file). */
  exact: boolean;
  /** Where the compiler said it was, when that could not be mapped. */
  note?: string;
}

/** One item of a file, or the closing brace of one, in document order. */
interface Anchor {
  kind: string;
  range: Range;
}

function anchorsOf(items: readonly Item[], out: Anchor[]): void {
  for (const item of items) {
    out.push({ kind: item.type, range: item.range });
    if (item.type === "Profile" || item.type === "RuleBlock") {
      anchorsOf(item.body, out);
      out.push({ kind: `${item.type}End`, range: closing(item.bodyRange) });
    } else if (item.type === "ConditionalBlock") {
      for (const b of item.branches) {
        out.push({ kind: "Branch", range: b.range });
        anchorsOf(b.body, out);
        out.push({ kind: "BranchEnd", range: closing(b.bodyRange) });
      }
    }
  }
}

/** The last character of a `{ … }` range: its closing brace. */
function closing(body: Range): Range {
  const end = body.end;
  const start = { offset: Math.max(0, end.offset - 1), line: end.line, column: Math.max(1, end.column - 1) };
  return { start, end };
}

function anchors(ast: File): Anchor[] {
  const out: Anchor[] = [];
  anchorsOf(ast.body, out);
  return out;
}

/** The anchor a compiler error on `line` is about: the first item starting there, else the innermost around it. */
function anchorIndexAt(list: readonly Anchor[], line: number): number {
  const starting = list.findIndex((a) => a.range.start.line === line);
  if (starting !== -1) return starting;
  let inner = -1;
  for (let i = 0; i < list.length; i++) {
    const r = list[i]!.range;
    if (r.start.line <= line && line <= r.end.line) inner = i;
  }
  if (inner !== -1) return inner;
  // A blank or comment line: the compiler was reading ahead to the next item.
  const next = list.findIndex((a) => a.range.start.line > line);
  return next !== -1 ? next : list.length - 1;
}

/** A node's first line only: a code frame shows one line, and a profile's range is its whole body. */
function firstLine(range: Range, lines: LineIndex): Range {
  if (range.end.line === range.start.line) return range;
  const text = lines.lineText(range.start.line);
  const endColumn = text.length + 1;
  const end = { offset: range.start.offset + (endColumn - range.start.column), line: range.start.line, column: endColumn };
  return { start: range.start, end };
}

/** The non-blank part of a line, for lines with no item on them. */
function lineRange(lines: LineIndex, line: number): Range {
  const n = Math.min(Math.max(1, line), lines.lineCount);
  const text = lines.lineText(n);
  const startCol = text.length - text.trimStart().length + 1;
  const endCol = Math.max(text.trimEnd().length + 1, startCol);
  const startOffset = offsetOfLine(lines, n);
  return {
    start: { offset: startOffset + startCol - 1, line: n, column: startCol },
    end: { offset: startOffset + endCol - 1, line: n, column: endCol },
  };
}

function offsetOfLine(lines: LineIndex, line: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = lines.text.indexOf("\n", offset);
    if (next === -1) break;
    offset = next + 1;
  }
  return offset;
}

export interface SourceMapOptions {
  workspace: Workspace;
  /** The resolved program of the checked file, for include chains and names. */
  program: Program | undefined;
  /** The checked file, as the user named it. */
  root: string;
  /** Its text as written. */
  rootText: string;
  /** The text the compiler was given in its place. */
  sentText: string;
  /** How the compiler names the checked file in its messages (`/dev/stdin`). */
  inputName: string;
  cwd: string;
}

export class SourceMap {
  private readonly rootLines: LineIndex;
  private pairing: { sent: Anchor[]; root: Anchor[] } | undefined;

  constructor(private readonly o: SourceMapOptions) {
    this.rootLines = new LineIndex(o.rootText);
  }

  /** Where `line` of `file` (as the compiler named it; null when it named none) was written. */
  line(file: string | null, line: number): Place {
    const target = this.fileOf(file);
    if (target === null) return this.rootLine(line);
    const loaded = this.o.workspace.load(target);
    if (!loaded.ok) {
      return { file: target, range: this.pointAt(line), exact: false, ...this.chainOf(target) };
    }
    const lines = new LineIndex(loaded.text);
    const list = anchors(loaded.parsed.ast);
    const range = this.onLine(list, lines, line);
    return { file: target, range, exact: true, ...this.chainOf(target) };
  }

  /** The header of the profile named `name` (the last definition, for "multiple definitions"). */
  profile(name: string): Place | null {
    const all = this.profiles().filter((p) => p.name === name || p.node.name.value === name);
    const p = all[all.length - 1];
    if (!p) return null;
    return this.nodePlace(p, p.node.name.range);
  }

  /** A rule whose path is `path` as written or as the compiler printed it, preferably in profile `profile`. */
  rule(path: string, profile: string | null): Place | null {
    const scope = profile ? this.profiles().filter((p) => p.name === profile) : this.profiles();
    for (const p of scope.length ? scope : this.profiles()) {
      for (const r of p.rules) {
        const n = r.node;
        if (n.type !== "FileRule" && n.type !== "LinkRule") continue;
        const w = n.path;
        if (w && (w.raw === path || w.value === path)) return this.nodePlace(r, n.range);
      }
    }
    return null;
  }

  /** The first use of `@{name}` in the checked file or the files it includes, outside comments. */
  variable(name: string): Place | null {
    const needle = `@{${name}}`;
    const files = this.o.program?.files ?? [this.o.root];
    for (const f of files) {
      const text = f === this.o.root ? this.o.rootText : this.textOf(f);
      if (text === null) continue;
      const lines = new LineIndex(text);
      for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
        const pos = lines.position(at);
        if (lines.lineText(pos.line).trimStart().startsWith("#")) continue;
        const range = lines.range(at, at + needle.length);
        return { file: f, range, exact: true, ...this.chainOf(f) };
      }
    }
    return null;
  }

  /** The start of the checked file: where a message that names nothing placeable is reported. */
  fallback(): Place {
    return { file: this.o.root, range: this.pointAt(1), exact: false };
  }

  /** The file a message names, as a path of the user's; null for the checked file itself. */
  private fileOf(file: string | null): string | null {
    if (file === null || file === this.o.inputName || file === "stdin") return null;
    const abs = resolvePath(this.o.cwd, file);
    if (abs === resolvePath(this.o.cwd, this.o.root) && this.o.sentText === this.o.rootText) return null;
    for (const f of this.o.program?.files ?? []) {
      if (resolvePath(this.o.cwd, f) === abs) return f;
    }
    return file;
  }

  private rootLine(line: number): Place {
    const o = this.o;
    if (o.sentText === o.rootText) {
      const list = anchors(this.parsedRoot());
      return { file: o.root, range: this.onLine(list, this.rootLines, line), exact: true };
    }
    const pair = this.pair();
    const i = anchorIndexAt(pair.sent, line);
    const j = pairedIndex(pair.sent, pair.root, i);
    if (j === null) {
      return { file: o.root, range: this.pointAt(1), exact: false, note: `at line ${line} of the normalized text sent to it` };
    }
    return { file: o.root, range: firstLine(pair.root[j]!.range, this.rootLines), exact: true };
  }

  private onLine(list: readonly Anchor[], lines: LineIndex, line: number): Range {
    const starting = list.find((a) => a.range.start.line === line);
    if (starting) return firstLine(starting.range, lines);
    if (line >= 1 && line <= lines.lineCount && lines.lineText(line).trim() !== "") return lineRange(lines, line);
    if (list.length === 0) return this.pointAt(1);
    return firstLine(list[anchorIndexAt(list, line)]!.range, lines);
  }

  private parsedRoot(): File {
    const loaded = this.o.workspace.peek(this.o.root);
    if (loaded?.ok && loaded.text === this.o.rootText) return loaded.parsed.ast;
    return parse(this.o.rootText, this.o.root).ast;
  }

  private pair(): { sent: Anchor[]; root: Anchor[] } {
    this.pairing ??= { sent: anchors(parse(this.o.sentText).ast), root: anchors(this.parsedRoot()) };
    return this.pairing;
  }

  private pointAt(line: number): Range {
    const p = { offset: 0, line: Math.max(1, line), column: 1 };
    return { start: p, end: p };
  }

  private textOf(file: string): string | null {
    const loaded = this.o.workspace.load(file);
    return loaded.ok ? loaded.text : null;
  }

  private profiles(): ResolvedProfile[] {
    const out: ResolvedProfile[] = [];
    const walk = (ps: readonly ResolvedProfile[]) => {
      for (const p of ps) {
        out.push(p);
        walk(p.children);
      }
    };
    walk(this.o.program?.profiles ?? []);
    return out;
  }

  /** The program was resolved from the text as written, so its positions need no pairing. */
  private nodePlace(origin: Origin, range: Range): Place {
    return { file: origin.file, range, exact: true, ...related(origin.chain) };
  }

  /** The include chain that brought `file` in, from any origin the program recorded for it. */
  private chainOf(file: string): { related?: RelatedLocation[] } {
    const program = this.o.program;
    if (!program || file === this.o.root) return {};
    const origins: Origin[] = [
      ...this.profiles(),
      ...this.profiles().flatMap((p) => p.rules),
      ...[...program.variables.values()].map((v) => v.origin),
      ...program.aliases.map((a) => a.origin),
    ];
    for (const o of origins) {
      if (o.file === file) return related(o.chain);
      const at = o.chain.findIndex((s) => s.target === file);
      if (at !== -1) return related(o.chain.slice(0, at + 1));
    }
    return {};
  }
}

function related(chain: readonly IncludeStep[]): { related?: RelatedLocation[] } {
  if (chain.length === 0) return {};
  return { related: chain.map((s) => ({ file: s.file, range: s.range, message: "included from here" })) };
}

/**
 * The root anchor paired with sent anchor `i`: by position when both lists have the same shape, else
 * through the longest common prefix or suffix of kinds; null when the formatter changed the item sequence
 * around it.
 */
function pairedIndex(sent: readonly Anchor[], root: readonly Anchor[], i: number): number | null {
  if (i < 0) return null;
  let prefix = 0;
  while (prefix < sent.length && prefix < root.length && sent[prefix]!.kind === root[prefix]!.kind) prefix++;
  if (i < prefix) return i;
  let suffix = 0;
  while (
    suffix < sent.length - prefix && suffix < root.length - prefix
    && sent[sent.length - 1 - suffix]!.kind === root[root.length - 1 - suffix]!.kind
  ) suffix++;
  const fromEnd = sent.length - 1 - i;
  if (fromEnd < suffix) return root.length - 1 - fromEnd;
  return null;
}
