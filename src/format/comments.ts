/**
 * Which rule a comment belongs to.
 *
 * Prettier finds, for each comment, the innermost node around it and the nodes just before and after it
 * (from the plugin's locStart/locEnd); these handlers then decide, for every comment, what it is attached to,
 * so that Prettier's generic fallbacks never apply. The rules:
 *
 * - A comment on the line of a rule, after it, trails that rule (`/etc/foo r,  # why`).
 * - A comment on its own line leads the rule below it, within the same profile, hat, block or `if` branch
 *   (never the first rule of the next branch: that would change what it describes).
 * - Comments after the last rule of a body stay at the end of that body ("footer"), and comments before the
 *   first rule that a blank line separates from it stay at the top ("top"): they describe the body, not a
 *   rule, so `--sort` must not carry them off with one.
 * - A comment in a profile, block or branch header (before its `{`, or after `{` on the same line) is kept on
 *   the header line, after the `{`.
 * - The scanner reads comments only between tokens of a file rule, header or assignment, so a comment inside
 *   a rule can only be in a file rule, a link rule or a prefix; it is put after that rule, on its line (a
 *   rule with a trailing comment is never broken over lines, so `# aaprof-disable-line` keeps its line).
 *
 * Rules are the only nodes comments attach to: words and conditions have no `type` and are not visited.
 */
import type { util as PrettierUtil } from "prettier";
import type { Comment, ConditionalBlock, File, Item, Node, Profile, RuleBlock } from "../ast/nodes.js";
import { blankLineBetween, lineBreakBetween, startsLine } from "./layout.js";

/** Where a dangling comment goes in a container: the header line, the top or the end of body `index`. */
export type CommentSlot = "header" | "top" | "footer";

export function marker(slot: CommentSlot, index: number): string {
  return `${slot}:${index}`;
}

/** The fields Prettier adds to a comment while attaching and printing it. */
export interface AttachedComment extends Comment {
  enclosingNode?: Node;
  precedingNode?: Node;
  followingNode?: Node;
  leading?: boolean;
  trailing?: boolean;
  marker?: string;
  printed?: boolean;
}

export type Container = File | Profile | RuleBlock | ConditionalBlock;

export function isContainer(node: Node): node is Container {
  return node.type === "File" || node.type === "Profile" || node.type === "RuleBlock" || node.type === "ConditionalBlock";
}

/** One `{ … }` body of a container (the file itself has one without braces). */
export interface Section {
  /** Offset of `{`, or -1 for the file. A comment before it (and after the previous body) is a header's. */
  open: number;
  /** Offset just past `}`, or the end of the file. */
  end: number;
  items: Item[];
}

export function sections(node: Container, textLength: number): Section[] {
  switch (node.type) {
    case "File":
      return [{ open: -1, end: textLength, items: node.body }];
    case "Profile":
    case "RuleBlock":
      return [{ open: node.bodyRange.start.offset, end: node.bodyRange.end.offset, items: node.body }];
    case "ConditionalBlock":
      return node.branches.map((b) => ({
        open: b.bodyRange.start.offset,
        end: b.bodyRange.end.offset,
        items: b.body,
      }));
  }
}

export const canAttachComment = (node: Node): boolean =>
  typeof node.type === "string" && node.type !== "Comment" && node.type !== "File";

/** Children Prettier may attach comments to: the items of each body, branches of an `if` included. */
export function getVisitorKeys(node: object): string[] {
  if ("branches" in node) return ["branches"];
  if ("body" in node && Array.isArray(node.body)) return ["body"];
  return [];
}

/** Prettier's comment helpers, handed in so that this module does not load Prettier (see printer.ts). */
export type CommentUtil = Pick<typeof PrettierUtil, "addLeadingComment" | "addTrailingComment" | "addDanglingComment">;

/** Attaches one comment; always returns true, so Prettier's own placement never applies. */
export function attachComment(comment: AttachedComment, text: string, ast: File, util: CommentUtil): boolean {
  const enclosing = comment.enclosingNode;
  if (enclosing && !isContainer(enclosing)) {
    // Inside one rule: it stood on a line of that rule, so it goes after the rule, on the rule's line.
    util.addTrailingComment(enclosing, comment);
    return true;
  }
  const container: Container = enclosing ?? ast;
  const start = comment.range.start.offset;
  const end = comment.range.end.offset;
  const all = sections(container, text.length);
  let index = all.findIndex((s) => start < s.end);
  if (index === -1) index = all.length - 1;
  const section = all[index]!;

  if (section.open !== -1 && start < section.open) {
    util.addDanglingComment(container, comment, marker("header", index));
    return true;
  }
  // Items are in source order and do not overlap: the first one that starts after the comment follows it.
  const items = section.items;
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.range.start.offset >= end) hi = mid;
    else lo = mid + 1;
  }
  const following: Item | undefined = items[lo];
  const before = items[lo - 1];
  const preceding = before && before.range.end.offset <= start ? before : undefined;
  if (section.open !== -1 && !preceding && !lineBreakBetween(text, section.open + 1, start)) {
    util.addDanglingComment(container, comment, marker("header", index));
    return true;
  }
  if (!startsLine(text, start)) {
    if (preceding) util.addTrailingComment(preceding, comment);
    else if (following) util.addLeadingComment(following, comment);
    else util.addDanglingComment(container, comment, marker("footer", index));
    return true;
  }
  if (!following) {
    util.addDanglingComment(container, comment, marker("footer", index));
  } else if (!preceding && blankLineBetween(text, end, following.range.start.offset)) {
    util.addDanglingComment(container, comment, marker("top", index));
  } else {
    util.addLeadingComment(following, comment);
  }
  return true;
}

/** The comments of a container in one slot, in source order, marked as printed. */
export function takeDangling(node: Container, slot: CommentSlot, index: number): AttachedComment[] {
  const wanted = marker(slot, index);
  const found = ((node as { comments?: AttachedComment[] }).comments ?? [])
    .filter((c) => !c.leading && !c.trailing && c.marker === wanted)
    .sort((a, b) => a.range.start.offset - b.range.start.offset);
  for (const c of found) c.printed = true;
  return found;
}

/** A comment as printed: trailing blanks dropped, nothing else touched (`#aa:` directives live here). */
export function commentText(comment: Comment): string {
  return comment.text.trimEnd();
}
