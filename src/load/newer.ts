/**
 * Which language constructs a profile uses that an older apparmor_parser does not know, with the first
 * upstream release whose grammar has them (shared/docs/LANGUAGE.md §1, and checked against Debian's 3.0.8,
 * which rejects every construct listed here as 4.0 or later).
 *
 * An old compiler meets such a construct with a plain syntax error ("unexpected TOK_END_OF_RULE, expecting
 * TOK_MODE" for `userns,`), which says nothing about versions; the bridge uses this table to say which
 * construct is too new when the compiler's error lands on one.
 */
import type { Expression, File, Flags, Item, Prefix, Range } from "../ast/nodes.js";

export interface ConstructUse {
  /** How a person would name it, e.g. "`userns` rules". */
  construct: string;
  /** The first upstream release that accepts it, e.g. "4.0". */
  since: string;
  range: Range;
}

/** Profile flags by the release that introduced them; a value flag is matched by its `name=` part. */
const FLAG_SINCE: [RegExp, string][] = [
  [/^(enforce|kill|unconfined)$/, "3.0"],
  [/^(prompt|default_allow|interruptible)$/, "4.0"],
  [/^kill\.signal=/, "4.0"],
  [/^attach_disconnected\.path=/, "4.0"],
  [/^error=/, "4.1"],
  [/^attach_disconnected\.ipc(=|$)/, "5.0"],
];

const RULE_SINCE: Partial<Record<Item["type"], [string, string]>> = {
  MountRule: ["`mount` rules", "2.8"],
  RemountRule: ["`remount` rules", "2.8"],
  UmountRule: ["`umount` rules", "2.8"],
  PivotRootRule: ["`pivot_root` rules", "2.8"],
  SignalRule: ["`signal` rules", "2.9"],
  PtraceRule: ["`ptrace` rules", "2.9"],
  UnixRule: ["`unix` rules", "2.9"],
  DbusRule: ["`dbus` rules", "2.9"],
  AbiRule: ["`abi` rules", "3.0"],
  UsernsRule: ["`userns` rules", "4.0"],
  IoUringRule: ["`io_uring` rules", "4.0"],
  MqueueRule: ["`mqueue` rules", "4.0"],
  AllRule: ["`all` rules", "4.0"],
};

/** -1, 0 or 1 as version `a` is older than, equal to or newer than `b` ("3.0.8" vs "4.0"). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map((n) => Number.parseInt(n, 10) || 0);
  const pb = b.split(".").map((n) => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

function prefixUses(prefix: Prefix, out: ConstructUse[], block: boolean): void {
  if (prefix.priority) {
    const range = prefix.range ? { start: prefix.range.start, end: prefix.priority.range.end } : prefix.priority.range;
    out.push({ construct: "rule priority (`priority=`)", since: "4.1", range });
  }
  if (prefix.mode === "prompt" && prefix.modeRange) {
    out.push({ construct: "`prompt` rules", since: "4.1", range: prefix.modeRange });
  }
  if (block && (prefix.mode === "deny" || prefix.mode === "prompt") && prefix.modeRange) {
    out.push({ construct: `\`${prefix.mode} { … }\` qualifier blocks`, since: "4.0", range: prefix.modeRange });
  }
}

function flagUses(flags: Flags, out: ConstructUse[]): void {
  for (const v of flags.values) {
    const value = v.value.toLowerCase();
    const hit = FLAG_SINCE.find(([re]) => re.test(value));
    if (hit) out.push({ construct: `the profile flag \`${v.value}\``, since: hit[1], range: v.range });
  }
}

function expressionUses(e: Expression, out: ConstructUse[]): void {
  switch (e.type) {
    case "LogicalExpression":
      out.push({ construct: `\`${e.operator}\` in \`if\` conditions`, since: "5.0", range: e.range });
      return;
    case "Comparison":
      out.push({ construct: `\`${e.operator}\` comparisons in \`if\` conditions`, since: "5.0", range: e.range });
      return;
    case "ValueTest":
      out.push({ construct: "a value as an `if` condition", since: "5.0", range: e.range });
      return;
    case "GroupExpression":
      out.push({ construct: "parentheses in `if` conditions", since: "5.0", range: e.range });
      return;
    case "NotExpression":
      expressionUses(e.operand, out);
      return;
    default:
      return;
  }
}

/** Variables the compiler defines itself, by the release that added them. */
const BUILTIN_VARIABLES: [string, string][] = [["@{exec_path}", "5.0"], ["@{attach_path}", "5.0"]];

/** Words anywhere in a rule that use a newer built-in variable; nested items are walked by itemUses. */
function builtinUses(node: unknown, out: ConstructUse[]): void {
  if (Array.isArray(node)) {
    for (const n of node) builtinUses(n, out);
    return;
  }
  if (node === null || typeof node !== "object") return;
  const o = node as Record<string, unknown>;
  if (typeof o["raw"] === "string" && o["range"]) {
    for (const [name, since] of BUILTIN_VARIABLES) {
      if (o["raw"].includes(name)) out.push({ construct: `the built-in variable \`${name}\``, since, range: o["range"] as Range });
    }
    return;
  }
  for (const [key, value] of Object.entries(o)) {
    if (key !== "range" && key !== "body") builtinUses(value, out);
  }
}

function itemUses(items: readonly Item[], out: ConstructUse[]): void {
  for (const item of items) {
    builtinUses(item, out);
    const rule = RULE_SINCE[item.type];
    if (rule) out.push({ construct: rule[0], since: rule[1], range: item.range });
    switch (item.type) {
      case "Profile":
        if (item.flags) flagUses(item.flags, out);
        if (item.xattrs) out.push({ construct: "`xattrs=` attachment conditions", since: "3.0", range: item.xattrs.range });
        for (const id of item.identities) out.push({ construct: "profile `identities=`", since: "5.0", range: id.range });
        itemUses(item.body, out);
        break;
      case "RuleBlock":
        prefixUses(item.prefix, out, true);
        itemUses(item.body, out);
        break;
      case "ConditionalBlock":
        for (const b of item.branches) {
          if (b.condition) expressionUses(b.condition, out);
          itemUses(b.body, out);
        }
        break;
      case "VariableAssignment":
      case "BooleanAssignment":
        if (item.operator === "?=" || item.operator === ":=") {
          out.push({ construct: `the \`${item.operator}\` assignment`, since: "5.0", range: item.range });
        }
        break;
      case "IncludeDirective":
        if (item.ifExists) out.push({ construct: "`include if exists`", since: "2.13", range: item.range });
        else if (!item.legacy) out.push({ construct: "`include` without `#`", since: "2.10", range: item.range });
        break;
      case "NetworkRule":
        prefixUses(item.prefix, out, false);
        if (item.access) {
          out.push({ construct: "network rules with access permissions", since: "4.0", range: item.access.range });
        }
        for (const c of item.conditions) {
          const name = c.name.value;
          const since = name === "interface" || name === "label" ? "5.0" : "4.0";
          out.push({ construct: `the network conditional \`${name}=\``, since, range: c.range });
        }
        if (item.peer) out.push({ construct: "network `peer=(…)` conditionals", since: "4.0", range: item.peer.range });
        break;
      case "AliasRule":
      case "RlimitRule":
      case "AbiRule":
        break;
      default:
        prefixUses(item.prefix, out, false);
        break;
    }
  }
}

/** Every construct of `ast` with the release that introduced it, in source order. */
export function constructUses(ast: File): ConstructUse[] {
  const out: ConstructUse[] = [];
  itemUses(ast.body, out);
  return out;
}

/**
 * The construct an error on `line` is most likely about: among those newer than `version` that cover the
 * line, the one with the smallest span. With no version, anything from 4.0 on counts.
 */
export function tooNewAt(uses: readonly ConstructUse[], line: number, version: string | null): ConstructUse | null {
  const newer = uses.filter((u) => isTooNew(u, version));
  const covering = newer.filter((u) => u.range.start.line <= line && line <= u.range.end.line);
  covering.sort((a, b) => span(a.range) - span(b.range));
  return covering[0] ?? null;
}

export function isTooNew(use: ConstructUse, version: string | null): boolean {
  return compareVersions(use.since, version ?? "3.99") > 0;
}

function span(r: Range): number {
  return r.end.offset - r.start.offset;
}
