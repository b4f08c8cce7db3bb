/**
 * The text that is loaded for one profile: its file with the other top-level profiles cut out (so that
 * loading one ConfigMap key loads one profile), and with `--flatten` every include spliced in where it
 * stands, the way `apparmor_parser -p` prints a profile: the result needs no other file, and the variables
 * the tunables define travel with it.
 *
 * Includes are followed with the compiler's lookup rules and its include-once cache, so the spliced text
 * compiles to the same policy as the original. Works on source ranges only; formatting is the formatter's.
 */
import type { Comment, IncludeDirective, Item, Profile } from "../ast/nodes.js";
import type { LoadedFile, Workspace } from "../project/workspace.js";
import { directoryEntries, locate } from "../resolve/includes.js";

type Loaded = Extract<LoadedFile, { ok: true }>;

export interface TextOptions {
  workspace: Workspace;
  includeDirs: readonly string[];
  cwd: string;
  flatten: boolean;
}

/** The same bound the resolver uses; a file that includes itself inside a new profile stops here. */
const MAX_DEPTH = 64;

interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * The text of `root` that loads `keep` (a top-level profile of `root`) and no other top-level profile of
 * `root`; with `keep` null, the whole file.
 */
export function profileText(root: Loaded, keep: Profile | null, options: TextOptions): string {
  const edits: Edit[] = [];
  const body = root.parsed.ast.body;
  if (keep) {
    for (const item of body) {
      if (item.type === "Profile" && item !== keep) edits.push(removal(root.text, root.parsed.ast.comments, item));
    }
  }
  if (options.flatten) {
    const cache = new Set<string>();
    const kept = keep ? body.filter((i) => i.type !== "Profile" || i === keep) : body;
    edits.push(...includeEdits(kept, cache, 0, options));
  }
  return collapseBlankRuns(apply(root.text, edits));
}

/** Edits that splice every include among `items` (recursively, through profiles, branches and blocks). */
function includeEdits(items: readonly Item[], cache: Set<string>, depth: number, options: TextOptions): Edit[] {
  const out: Edit[] = [];
  for (const item of items) {
    switch (item.type) {
      case "IncludeDirective": {
        const text = splice(item, cache, depth, options);
        if (text !== null) out.push({ start: item.range.start.offset, end: item.range.end.offset, text });
        break;
      }
      case "Profile":
        // Each profile block has its own include-once cache, as upstream's does.
        out.push(...includeEdits(item.body, new Set(), depth, options));
        break;
      case "ConditionalBlock":
        for (const b of item.branches) out.push(...includeEdits(b.body, cache, depth, options));
        break;
      case "RuleBlock":
        out.push(...includeEdits(item.body, cache, depth, options));
        break;
      default:
        break;
    }
  }
  return out;
}

/** The text an include stands for, or null to leave the directive as written. */
function splice(item: IncludeDirective, cache: Set<string>, depth: number, options: TextOptions): string | null {
  const magic = item.kind === "magic";
  const shown = magic ? `<${item.path}>` : `"${item.path}"`;
  if (!magic && cache.has(item.path)) return `# ${shown}: already included`;
  const target = locate(options.workspace.fs, item.path, magic, options.includeDirs, options.cwd);
  if (target.kind === "missing") return item.ifExists ? `# include if exists ${shown}: not present` : null;
  if (target.kind === "unreadable" || depth >= MAX_DEPTH) return null;
  if (cache.has(target.key)) return `# ${shown}: already included`;
  cache.add(target.key);
  const entries = target.kind === "dir" ? directoryEntries(options.workspace.fs, target.path) : [target];
  const parts: string[] = [];
  for (const entry of entries) {
    if (target.kind === "dir") {
      if (cache.has(entry.key)) continue;
      cache.add(entry.key);
    }
    const loaded = options.workspace.load(entry.path);
    if (!loaded.ok) return null;
    const inner = includeEdits(loaded.parsed.ast.body, cache, depth + 1, options);
    parts.push(apply(loaded.text, inner).trimEnd());
  }
  return `##included ${shown}\n${parts.join("\n\n")}\n`;
}

/** The range to cut for a profile that is not kept: the profile and the comment lines directly above it. */
function removal(text: string, comments: readonly Comment[], profile: Profile): Edit {
  let start = lineStart(text, profile.range.start.offset);
  let line = profile.range.start.line;
  for (let i = comments.length - 1; i >= 0; i--) {
    const c = comments[i]!;
    if (c.range.start.offset >= start) continue;
    const own = text.slice(lineStart(text, c.range.start.offset), c.range.start.offset).trim() === "";
    if (c.range.end.line !== line - 1 || !own) break;
    start = lineStart(text, c.range.start.offset);
    line = c.range.start.line;
  }
  let end = profile.range.end.offset;
  const nl = text.indexOf("\n", end);
  if (nl !== -1 && text.slice(end, nl).trim() === "") end = nl + 1;
  return { start, end, text: "" };
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

function apply(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** Cutting profiles leaves blank-line runs behind; two blank lines at most, and one newline at the end. */
function collapseBlankRuns(text: string): string {
  return text.replace(/\n([ \t]*\n){3,}/g, "\n\n\n").trimEnd() + "\n";
}
