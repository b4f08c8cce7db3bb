/**
 * AST → Prettier document: the one canonical layout of an AppArmor profile.
 *
 * - Two spaces per nesting level; `{` ends the header line, `}` stands alone at the header's indentation.
 * - One rule a line. A rule with conditionals that does not fit in the print width keeps its keyword and
 *   access on the first line and puts each conditional on a line of its own, two levels deeper, the way
 *   upstream writes long dbus rules:
 *
 *       dbus send
 *           bus=system
 *           path=/org/freedesktop/login1
 *           peer=(name=org.freedesktop.login1),
 *
 *   File rules, headers and variable assignments never break: a path is one word, and an assignment ends at
 *   the end of its line.
 * - Words are printed as written (quotes and escapes are meaning); only spellings the compiler reads
 *   identically are rewritten (./canonical.ts; the whole list is in ./README.md).
 * - One blank line is kept where the author had one or more between rules; none after `{` or before `}`.
 */
import type { AstPath, Doc, ParserOptions, doc } from "prettier";
import type * as A from "../ast/nodes.js";
import {
  canonicalIncludePath, canonicalPermissions, rlimitValue, sortedWords,
} from "./canonical.js";
import { commentText, takeDangling, type AttachedComment, type Container } from "./comments.js";
import { blankLineAfter, blankLineBefore } from "./layout.js";
import { canonicalOrder } from "./order.js";

/**
 * Prettier's document builders, handed in rather than imported: this module is loaded by `aaprof` commands
 * that never format, and Prettier is only loaded when something is formatted.
 */
export type Builders = typeof doc.builders;

export interface AaprofOptions extends ParserOptions<A.Node> {
  /** `--sort`: group rules in the canonical order of ./order.ts. */
  aaprofSort?: boolean;
}

type PrintChild = (path: AstPath<A.Node>) => Doc;

/** What every node printer needs besides its node. */
interface Ctx {
  b: Builders;
  path: AstPath<A.Node>;
  options: AaprofOptions;
  print: PrintChild;
  /** The text the AST was parsed from (line ends normalised by Prettier), for the author's blank lines. */
  text: string;
  sort: boolean;
}

type NodeOf<K extends A.NodeType> = Extract<A.Node, { type: K }>;
type NodePrinter<K extends A.NodeType> = (node: NodeOf<K>, ctx: Ctx) => Doc;

// ---------------------------------------------------------------------------------------------------------
// Bodies: the items of a file, profile, block or branch, with the comments that belong to the body itself.

interface Body {
  /** Header comments after the first (which stands on the `{` line). */
  head: Doc[];
  /** Comments before the first rule that a blank line sets apart: they describe the whole body. */
  top: Doc[];
  /** Everything else, separated by line breaks; a blank line follows `top` when both are present. */
  rest: Doc[];
}

/** Prints the docs of one body's items (in source order) with its top and footer comments. */
function body(node: Container, index: number, items: readonly A.Item[], docs: readonly Doc[], ctx: Ctx, extra: Doc[]): Body {
  const { text, b: { hardline } } = ctx;
  const head: Doc[] = [];
  const top: Doc[] = [];
  const rest: Doc[] = [];
  const push = (parts: Doc[], d: Doc, blankBefore: boolean) => {
    if (parts.length > 0) parts.push(blankBefore ? [hardline, hardline] : hardline);
    parts.push(d);
  };
  for (const d of extra) push(head, d, false);
  takeDangling(node, "top", index)
    .forEach((c, i) => push(top, commentText(c), i > 0 && blankLineBefore(text, c.range.start.offset)));

  const fileLevel = node.type === "File";
  const blankInSource = (i: number) => i > 0 && blankLineAfter(text, items[i - 1]!.range.end.offset);
  if (ctx.sort) {
    let prevGroup: number | null | undefined;
    for (const { index: i, group: g } of canonicalOrder(items, fileLevel)) {
      const newGroup = prevGroup !== undefined && g !== null && prevGroup !== null && g !== prevGroup;
      push(rest, docs[i]!, newGroup || blankInSource(i));
      prevGroup = g;
    }
  } else {
    items.forEach((_, i) => push(rest, docs[i]!, blankInSource(i)));
  }
  takeDangling(node, "footer", index)
    .forEach((c) => push(rest, commentText(c), blankLineBefore(text, c.range.start.offset)));
  return { head, top, rest };
}

/** The body as one list of lines: `head`, `top`, a blank line, the rest. */
function lines(b: Body, { hardline }: Builders): Doc[] {
  const joined = (a: Doc[], between: Doc, c: Doc[]) => (a.length === 0 ? c : c.length === 0 ? a : [...a, between, ...c]);
  const first = joined(b.head, hardline, b.top);
  return joined(first, b.top.length > 0 ? [hardline, hardline] : hardline, b.rest);
}

/** ` { … }` after a header: the header comment on the `{` line, the body indented. */
function block(node: Container, index: number, items: readonly A.Item[], docs: readonly Doc[], ctx: Ctx): Doc {
  const header = takeDangling(node, "header", index).map(commentText);
  const first = header.shift();
  const inner = lines(body(node, index, items, docs, ctx, header), ctx.b);
  const { hardline, indent } = ctx.b;
  return [
    " {",
    first === undefined ? "" : [" ", first],
    inner.length > 0 ? indent([hardline, ...inner]) : "",
    hardline,
    "}",
  ];
}

/**
 * A file of rules outside any profile (an abstraction): it has rules, and neither profiles nor the preamble
 * items (variables, aliases) that only stand at file level. A file of includes alone (tunables/global) is not.
 */
function isFragment(file: A.File): boolean {
  const preambleOnly = new Set<A.Item["type"]>(["Profile", "VariableAssignment", "BooleanAssignment", "AliasRule"]);
  return file.body.some((i) => i.type !== "IncludeDirective" && i.type !== "AbiRule")
    && !file.body.some((i) => preambleOnly.has(i.type));
}

function itemDocs(ctx: Ctx): Doc[] {
  return ctx.path.map(ctx.print, "body" as never);
}

// ---------------------------------------------------------------------------------------------------------
// Pieces of rules

function prefix(p: A.Prefix): string[] {
  const words: string[] = [];
  if (p.priority) words.push(`priority=${p.priority.raw}`);
  if (p.audit) words.push("audit");
  if (p.mode) words.push(p.mode);
  // `user` is a synonym the scanner maps to owner.
  if (p.owner) words.push(p.owner);
  return words;
}

/** `(a, b)` lists are sets; `,` and blanks separate items alike there. */
function access(a: A.Access | null): string[] {
  if (!a) return [];
  if (!a.parenthesized) return a.words.map((w) => w.raw);
  return [`(${sortedWords(a.words).map((w) => w.raw).join(", ")})`];
}

/**
 * The conditional list values of `peer=( … )` and `xattrs=( … )` may be parenthesised too (`label=(a b)`), but
 * the scanner reads that `(` as part of `=` and there no `,` separates values. The AST records `parenthesized`
 * only for rule-level conditionals, so the source text decides.
 */
function parenthesizedInList(cond: A.Condition, text: string): boolean {
  const first = cond.values[0];
  return !!first && text.slice(cond.name.range.end.offset, first.range.start.offset).includes("(");
}

function condition(cond: A.Condition, text: string, inList: boolean): string {
  const name = cond.name.raw;
  if (cond.operator === null) return name;
  const values = sortedWords(cond.values).map((v) => v.raw);
  if (cond.operator === "in") return `${name} in (${values.join(", ")})`;
  if (cond.parenthesized || (inList && parenthesizedInList(cond, text))) {
    return `${name}=(${values.join(inList ? " " : ", ")})`;
  }
  return `${name}=${cond.values.map((v) => v.raw).join(" ")}`;
}

function conditionList(list: A.ConditionList, text: string): string {
  return `${list.name}=(${list.conditions.map((c) => condition(c, text, true)).join(" ")})`;
}

/**
 * A comment after a rule stays on the rule's line only if the rule stays on one line; and a comment such as
 * `# aaprof-disable-line …` means the line it is on.
 */
function hasTrailingComment(node: A.Node): boolean {
  return ((node as { comments?: AttachedComment[] }).comments ?? []).some((c) => c.trailing);
}

/**
 * A rule of words that may grow long: `head` stays on the first line, each of `tail` goes on its own line
 * when the whole does not fit (unless a comment trails the rule).
 */
function breakable(node: A.Node, head: string[], tail: string[], { group, indent, line }: Builders): Doc {
  if (tail.length === 0 || hasTrailingComment(node)) return `${[...head, ...tail].join(" ")},`;
  return group([head.join(" "), indent(indent(tail.map((t) => [line, t]))), ","]);
}

function typed(
  rule: A.Node & { prefix: A.Prefix; access: A.Access | null; conditions: A.Condition[] },
  keyword: string,
  ctx: Ctx,
  more: string[] = [],
): Doc {
  return breakable(
    rule,
    [...prefix(rule.prefix), keyword, ...access(rule.access)],
    [...rule.conditions.map((c) => condition(c, ctx.text, false)), ...more],
    ctx.b,
  );
}

/** `SOURCE -> MOUNTPOINT` and its variants stay together as the last part of a rule. */
function arrowPart(from: string | null, arrow: string[] | null): string[] {
  const words = [...(from === null ? [] : [from]), ...(arrow === null ? [] : ["->", ...arrow])];
  return words.length === 0 ? [] : [words.join(" ")];
}

// ---------------------------------------------------------------------------------------------------------
// Conditions of `if`

function expression(e: A.Expression): string {
  switch (e.type) {
    case "BooleanReference":
      return e.raw;
    case "DefinedTest":
      return `defined ${e.variable}`;
    case "NotExpression":
      return `not ${expression(e.operand)}`;
    // The AST is left-associative with `and` binding tighter, exactly as the grammar reads the printed text;
    // parentheses the author wrote are GroupExpressions, so none need adding.
    case "LogicalExpression":
      return `${expression(e.left)} ${e.operator} ${expression(e.right)}`;
    case "Comparison":
      return `${e.left.raw} ${e.operator} ${e.right.raw}`;
    case "ValueTest":
      return e.operand.raw;
    case "GroupExpression":
      return `(${expression(e.expression)})`;
  }
}

// ---------------------------------------------------------------------------------------------------------
// The table: a new node kind does not compile until it is printable.

const printers = {
  File(node, ctx) {
    const b = body(node, 0, node.body, itemDocs(ctx), ctx, []);
    if (b.rest.length > 0 && isFragment(node)) {
      // Rules meant to be included into a profile are written one level in, as upstream's abstractions are;
      // the file's opening comment block stays at the margin.
      const unit = ctx.options.useTabs ? "\t" : " ".repeat(ctx.options.tabWidth);
      b.rest = [unit, ctx.b.indent(b.rest)];
    }
    const all = lines(b, ctx.b);
    return all.length > 0 ? [...all, ctx.b.hardline] : "";
  },

  Comment(node) {
    return commentText(node);
  },

  IncludeDirective(node, ctx) {
    const path = ctx.text.slice(node.pathRange.start.offset, node.pathRange.end.offset);
    return `include ${node.ifExists ? "if exists " : ""}${canonicalIncludePath(path)}`;
  },

  AbiRule(node) {
    return `abi ${node.path.raw},`;
  },

  AliasRule(node) {
    return `alias ${node.from.raw} -> ${node.to.raw},`;
  },

  VariableAssignment(node) {
    return `${node.rawName} ${node.operator} ${node.values.map((v) => v.raw).join(" ")}`;
  },

  BooleanAssignment(node) {
    return `${node.rawName} ${node.operator} ${expression(node.value)}`;
  },

  Profile(node, ctx) {
    const name = node.keyword === "^" ? `^${node.name.raw}`
      : node.keyword === null ? node.name.raw
      : `${node.keyword} ${node.name.raw}`;
    const words = [name];
    if (node.attachment) words.push(node.attachment.raw);
    if (node.xattrs) words.push(conditionList(node.xattrs, ctx.text));
    for (const ids of node.identities) words.push(`+ identities=(${sortedWords(ids.values).map((v) => v.raw).join(", ")})`);
    // The bare `( … )` form means the same as `flags=( … )`, which older compilers also read.
    if (node.flags) words.push(`flags=(${sortedWords(node.flags.values).map((v) => v.raw).join(", ")})`);
    return [words.join(" "), block(node, 0, node.body, itemDocs(ctx), ctx)];
  },

  ConditionalBlock(node, ctx) {
    const docs = ctx.path.map((branch) => branch.map(ctx.print, "body" as never), "branches" as never) as Doc[][];
    return node.branches.map((b, i) => [
      i === 0 ? "" : " else",
      b.condition ? `${i === 0 ? "" : " "}if ${expression(b.condition)}` : "",
      block(node, i, b.body, docs[i]!, ctx),
    ]);
  },

  RuleBlock(node, ctx) {
    return [prefix(node.prefix).join(" "), block(node, 0, node.body, itemDocs(ctx), ctx)];
  },

  RlimitRule(node) {
    return `set rlimit ${node.resource.raw} <= ${rlimitValue(node.value, node.unit)},`;
  },

  FileRule(node) {
    const words = prefix(node.prefix);
    if (node.bare) return [...words, "file,"].join(" ");
    if (node.fileKeyword) words.push("file");
    if (node.safety) words.push(node.safety);
    const perms = canonicalPermissions(node.permissions!.raw);
    if (node.leadingPermissions) words.push(perms, ...(node.subset ? ["subset"] : []), node.path!.raw);
    else words.push(node.path!.raw, perms);
    if (node.target) words.push("->", node.target.raw);
    return `${words.join(" ")},`;
  },

  LinkRule(node) {
    const words = [...prefix(node.prefix), "link", ...(node.subset ? ["subset"] : []), node.path.raw, "->", node.target.raw];
    return `${words.join(" ")},`;
  },

  CapabilityRule(node, ctx) {
    const { fill, indent, join, line } = ctx.b;
    const head = [...prefix(node.prefix), "capability"].join(" ");
    if (node.names.length === 0) return `${head},`;
    const names = sortedWords(node.names).map((n) => n.raw);
    if (hasTrailingComment(node)) return `${[head, ...names].join(" ")},`;
    names[names.length - 1] += ",";
    return indent(indent(fill(join(line, [head, ...names]) as Doc[])));
  },

  NetworkRule(node, ctx) {
    const head = [...prefix(node.prefix), "network", ...access(node.access)];
    if (node.domain) head.push(node.domain.raw);
    if (node.kind) head.push(node.kind.raw);
    const tail = node.conditions.map((c) => condition(c, ctx.text, false));
    if (node.peer) tail.push(conditionList(node.peer, ctx.text));
    return breakable(node, head, tail, ctx.b);
  },

  UnixRule(node, ctx) {
    return typed(node, "unix", ctx, node.peer ? [conditionList(node.peer, ctx.text)] : []);
  },

  DbusRule(node, ctx) {
    return typed(node, "dbus", ctx, node.peer ? [conditionList(node.peer, ctx.text)] : []);
  },

  SignalRule(node, ctx) {
    return typed(node, "signal", ctx);
  },

  PtraceRule(node, ctx) {
    return typed(node, "ptrace", ctx);
  },

  UsernsRule(node, ctx) {
    return typed(node, "userns", ctx);
  },

  MqueueRule(node, ctx) {
    return typed(node, "mqueue", ctx, node.name ? [node.name.raw] : []);
  },

  IoUringRule(node, ctx) {
    return typed(node, "io_uring", ctx, node.conditionList ? [conditionList(node.conditionList, ctx.text)] : []);
  },

  AllRule(node) {
    return [...prefix(node.prefix), "all,"].join(" ");
  },

  MountRule(node, ctx) {
    const dest = node.mountpoint
      ? [...node.destConditions.map((c) => condition(c, ctx.text, false)), node.mountpoint.raw]
      : null;
    return breakable(
      node,
      [...prefix(node.prefix), "mount"],
      [...node.conditions.map((c) => condition(c, ctx.text, false)), ...arrowPart(node.source?.raw ?? null, dest)],
      ctx.b,
    );
  },

  RemountRule(node, ctx) {
    return breakable(
      node,
      [...prefix(node.prefix), "remount"],
      [...node.conditions.map((c) => condition(c, ctx.text, false)), ...(node.mountpoint ? [node.mountpoint.raw] : [])],
      ctx.b,
    );
  },

  // `unmount` is a synonym the scanner maps to umount.
  UmountRule(node, ctx) {
    return breakable(
      node,
      [...prefix(node.prefix), "umount"],
      [...node.conditions.map((c) => condition(c, ctx.text, false)), ...(node.mountpoint ? [node.mountpoint.raw] : [])],
      ctx.b,
    );
  },

  PivotRootRule(node, ctx) {
    return breakable(
      node,
      [...prefix(node.prefix), "pivot_root"],
      [
        ...node.conditions.map((c) => condition(c, ctx.text, false)),
        ...arrowPart(node.newRoot?.raw ?? null, node.target ? [node.target.raw] : null),
      ],
      ctx.b,
    );
  },

  ChangeProfileRule(node) {
    const words = [...prefix(node.prefix), "change_profile"];
    if (node.safety) words.push(node.safety);
    if (node.exec) words.push(node.exec.raw);
    if (node.target) words.push("->", node.target.raw);
    return `${words.join(" ")},`;
  },
} satisfies { [K in A.NodeType]: NodePrinter<K> };

/** Prettier's `print` for the AppArmor AST, built on the builders of the Prettier that runs it. */
export function createPrint(b: Builders) {
  return (path: AstPath<A.Node>, options: AaprofOptions, printChild: PrintChild): Doc => {
    const node = path.node;
    const ctx: Ctx = { b, path, options, print: printChild, text: options.originalText, sort: options.aaprofSort === true };
    return (printers[node.type] as NodePrinter<typeof node.type>)(node as never, ctx);
  };
}
