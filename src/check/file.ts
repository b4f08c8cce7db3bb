/**
 * File and link rules: permission strings, exec qualifiers, the leading-permission forms, safe/unsafe,
 * deny rules, the per-profile table of named exec transitions, and glob errors in paths.
 *
 * Upstream checks the permission string and the rule's shape while parsing (parse_perms, the frule and
 * file_rule_tail actions, entry_add_prefix), so those checks fire for every rule, compiled or not. It
 * fills the transition table when a profile closes and converts globs when it compiles the profile, so
 * those checks only see live rules.
 *
 * Qualifier blocks re-apply the exec-qualifier check with their own prefix; the prefix check reports what
 * that pass finds. The permission model below (bits per user/other half, exec type, named-transition
 * indexes) is shared with the exec-conflict check.
 */
import type { FileRule, Prefix, Range, RuleMode, Word } from "../ast/nodes.js";
import type { ResolvedProfile, ResolvedRule } from "../resolve/model.js";
import { aareError } from "../aare/validate.js";
import { filterSlashes } from "../aare/convert.js";
import type { Check, CheckContext } from "./context.js";

// ---------------------------------------------------------------------------------------------------------
// Permission bits of one half (immunix.h); a rule has a user half and an other half.

export const P = {
  exec: 1,
  write: 2,
  read: 4,
  append: 8,
  link: 16,
  lock: 32,
  mmap: 64,
  pux: 128,
  unsafe: 256,
  inherit: 512,
  mod0: 1024,
  mod1: 2048,
  mod2: 4096,
  mod3: 8192,
} as const;

/** The four exec-modifier bits, holding unconfined/profile/local or a named-transition index. */
export const EXEC_MODIFIERS = P.mod0 | P.mod1 | P.mod2 | P.mod3;
/** Everything that distinguishes one kind of exec from another (AA_EXEC_TYPE). */
export const EXEC_TYPE = P.pux | P.unsafe | P.inherit | EXEC_MODIFIERS;
const UNCONFINED = P.mod0;
const PROFILE = P.mod1;
const LOCAL = P.mod0 | P.mod1;
/** The index of the local-profile modifier in the transition table; named transitions start after it. */
const LOCAL_INDEX = 3;
const FIRST_NAMED_INDEX = 4;
const EXEC_TABLE_SIZE = 16;
/** Bare `file,`: every base permission plus `ix`. */
const BARE_FILE_PERMS = P.exec | P.write | P.read | P.append | P.link | P.lock | P.mmap | P.inherit;

export interface Halves {
  user: number;
  other: number;
}

interface PermIssue {
  message: string;
  /** Offset and length within the permission string. */
  at: number;
  length: number;
}

const QUALIFIER_CONFLICT = "invalid, conflicting qualifier already specified";

/** IS_DIFF_QUAL: exec is already granted with a different exec type. */
function differentQualifier(perms: number, q: number): boolean {
  return (perms & P.exec) !== 0 && (perms & EXEC_TYPE) !== (q & EXEC_TYPE);
}

/** Upstream parse_sub_perms over a TOK_MODE string: its bits, or the first error it raises. */
export function parsePermissionString(text: string): { perms: number; error: PermIssue | null } {
  let perms = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const next = text[i + 1] ?? "";
    const issue = (message: string, length: number) => ({ perms, error: { message, at: i, length } });
    switch (ch) {
      case "r":
      case "R":
        perms |= P.read;
        break;
      case "w":
      case "W":
        if (perms & P.append && !(perms & P.write)) return issue("Conflict 'a' and 'w' perms are mutually exclusive.", 1);
        perms |= P.write | P.append;
        break;
      case "a":
        if (perms & P.write) return issue("Conflict 'a' and 'w' perms are mutually exclusive.", 1);
        perms |= P.append;
        break;
      case "l":
      case "L":
        perms |= P.link;
        break;
      case "k":
        perms |= P.lock;
        break;
      case "m":
      case "M":
        perms |= P.mmap;
        break;
      case "x":
      case "X":
        // Legal on deny rules; anywhere else it is reported once the rule's prefix is known.
        perms |= P.exec;
        break;
      case "i":
      case "I":
        if (perms & EXEC_MODIFIERS) return issue(`Exec qualifier 'i' ${QUALIFIER_CONFLICT}`, 2);
        perms |= P.inherit | P.exec;
        i++;
        break;
      case "u":
      case "U": {
        const q = (ch === "u" ? P.unsafe : 0) | UNCONFINED | P.exec;
        if (differentQualifier(perms, q)) return issue(`Exec qualifier '${ch}' ${QUALIFIER_CONFLICT}`, 2);
        perms |= q;
        i++;
        break;
      }
      case "p":
      case "P":
      case "c":
      case "C": {
        let q = (ch === "p" || ch === "c" ? P.unsafe : 0) | (ch.toLowerCase() === "p" ? PROFILE : LOCAL) | P.exec;
        const n = next.toLowerCase();
        if (n === "i" || n === "u") {
          q |= n === "i" ? P.inherit : P.pux;
          if (differentQualifier(perms, q)) return issue(`Exec qualifier '${ch}${next}' ${QUALIFIER_CONFLICT}`, 3);
          perms |= q;
          i += 2;
        } else {
          if (differentQualifier(perms, q)) return issue(`Exec qualifier '${ch}' ${QUALIFIER_CONFLICT}`, 2);
          perms |= q;
          i++;
        }
        break;
      }
      default:
        return issue(`Internal: unexpected perms character '${ch}' in input`, 1);
    }
  }
  return { perms, error: null };
}

// ---------------------------------------------------------------------------------------------------------
// A rule as upstream's cod_entry: permissions of both halves after safe/unsafe, owner and rule prefixes.

export type EntryMode = "unspecified" | RuleMode;
/** Upstream's audit state of an entry: `audit deny` is "none", a plain `deny` is "implied". */
export type EntryAudit = "none" | "implied" | "force";

export interface FileEntry {
  halves: Halves;
  mode: EntryMode;
  audit: EntryAudit;
  priority: number;
}

export interface EntryIssue {
  message: string;
  range: Range;
  help?: string;
  /** Raised by an enclosing qualifier block: the prefix check reports those. */
  fromBlock?: boolean;
}

/** The value of `priority=N` as strtol reads it; range errors belong to the prefix check. */
export function priorityValue(prefix: Prefix | null): number {
  if (!prefix?.priority) return 0;
  const n = Number.parseInt(prefix.priority.value, 10);
  return Number.isFinite(n) ? n : 0;
}

const X_NEEDS_QUALIFIER = "Invalid perms, 'x' must be preceded by exec qualifier 'i', 'p', or 'u'";
const DENY_X_QUALIFIED = "Invalid perms, in deny rules 'x' must not be preceded by exec qualifier 'i', 'p', or 'u'";

/**
 * entry_add_prefix (parser_misc.c): a prefix sets the rule mode (a different mode already set is an
 * error), masks the owner half away, sets a non-zero priority, tracks audit, and re-checks the exec
 * qualifiers. Upstream applies it for the rule's own prefix and then again for every enclosing
 * qualifier block, innermost first. Returns the error, if any.
 */
export function addPrefix(entry: FileEntry, p: Prefix): string | null {
  if (p.mode) {
    if (entry.mode !== "unspecified" && entry.mode !== p.mode) return "conflicting mode prefix";
    entry.mode = p.mode;
  }
  if (p.owner === "owner") entry.halves.other = 0;
  else if (p.owner === "other") entry.halves.user = 0;
  const priority = priorityValue(p);
  if (priority !== 0) entry.priority = priority;
  if ((p.mode === "deny" || entry.mode === "deny") && (p.audit || entry.audit === "force")) {
    entry.mode = "deny";
    entry.audit = "none";
  } else if (p.mode === "deny") {
    entry.audit = "implied";
  } else if (p.audit) {
    entry.audit = "force";
  }
  return checkXQualifier(entry);
}

function checkXQualifier(entry: FileEntry): string | null {
  const { user, other } = entry.halves;
  if (!((user | other) & P.exec)) return null;
  const typed = ((user | other) & EXEC_TYPE) !== 0;
  if (entry.mode === "deny" && typed) return DENY_X_QUALIFIED;
  if (entry.mode !== "deny" && !typed) return X_NEEDS_QUALIFIER;
  return null;
}

/** label_contains_ns: `[&]:ns:name` (or `:ns://name`) with a non-empty namespace and name. */
export function labelContainsNs(label: string): boolean {
  const s = label.startsWith("&") ? label.slice(1) : label;
  if (!s.startsWith(":")) return false;
  const end = s.indexOf(":", 1);
  if (end < 0) return false;
  let name = s.slice(end + 1);
  if (name.startsWith("//")) name = name.slice(2);
  return end > 1 && name.length > 0;
}

export interface FileRuleModel {
  entry: FileEntry;
  /** The named exec transition (`-> T` that is not a link target), as written after unquoting. */
  transition: Word | null;
  /** The link target of a leading `l` rule with `->`. */
  linkTarget: Word | null;
  /** Parse-time errors, in the order upstream would meet them (it stops at the first). */
  issues: EntryIssue[];
}

/** Sub-range of a single-line token. */
function within(r: Range, at: number, length: number): Range {
  return {
    start: { offset: r.start.offset + at, line: r.start.line, column: r.start.column + at },
    end: { offset: r.start.offset + at + length, line: r.start.line, column: r.start.column + at + length },
  };
}

/**
 * Models already made, by rule node. The checks of a profile ask for each rule's model several times, and an
 * abstraction's rules come back in every profile that includes it; a model depends only on the rule and
 * the blocks around it. Models are shared: callers never change one.
 */
const models = new WeakMap<FileRule, { blocks: readonly Prefix[]; model: FileRuleModel }>();

function sameBlocks(a: readonly Prefix[], b: readonly Prefix[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Everything upstream derives from a file rule while parsing it. */
export function modelFileRule(node: FileRule, blocks: readonly Prefix[]): FileRuleModel {
  const known = models.get(node);
  if (known && sameBlocks(known.blocks, blocks)) return known.model;
  const model = computeFileRuleModel(node, blocks);
  models.set(node, { blocks, model });
  return model;
}

function computeFileRuleModel(node: FileRule, blocks: readonly Prefix[]): FileRuleModel {
  const issues: EntryIssue[] = [];
  const entry: FileEntry = { halves: { user: 0, other: 0 }, mode: "unspecified", audit: "none", priority: 0 };
  let transition: Word | null = null;
  let linkTarget: Word | null = null;
  let perms: number;

  if (node.bare || !node.permissions) {
    perms = BARE_FILE_PERMS;
  } else {
    const permWord = node.permissions;
    const parsed = parsePermissionString(permWord.value);
    if (parsed.error) {
      issues.push({ message: parsed.error.message, range: within(permWord.range, parsed.error.at, parsed.error.length) });
      return { entry, transition, linkTarget, issues };
    }
    perms = parsed.perms;
    const target = node.target;
    if (node.leadingPermissions) {
      if (node.subset && perms & ~P.link) {
        issues.push({
          message: "subset can only be used with link rules.", range: permWord.range,
          help: "'subset' only applies to 'l' (link) permissions; put the other permissions in a separate rule",
        });
      } else if (target && perms & P.link && perms & P.exec) {
        issues.push({
          message: "link and exec perms conflict on a file rule using ->", range: permWord.range,
          help: "in the leading form '-> TARGET' is the link target for 'l'; write the exec transition as a separate rule",
        });
      } else if (target && perms & P.link && labelContainsNs(target.value)) {
        issues.push({ message: "link perms are not allowed on a named profile transition.", range: target.range });
      }
      if (target && perms & P.link) linkTarget = target;
      else transition = target;
    } else {
      transition = target;
    }
    if (issues.length) return { entry, transition, linkTarget, issues };
    if (node.safety) {
      if (!(perms & P.exec)) {
        issues.push({
          message: "unsafe rule missing exec permissions", range: node.safetyRange ?? permWord.range,
          help: `'${node.safety}' only applies to rules with an exec permission`,
        });
        return { entry, transition, linkTarget, issues };
      }
      if (node.safety === "unsafe") perms |= (perms & P.exec) << 8;
      else perms &= ~P.unsafe;
    }
  }

  entry.halves = { user: perms, other: perms };
  const where = node.permissions?.range ?? node.range;
  const first = addPrefix(entry, node.prefix);
  if (first) {
    issues.push({ message: first, range: where, help: xHelp(first) });
    return { entry, transition, linkTarget, issues };
  }
  for (let i = blocks.length - 1; i >= 0; i--) {
    const err = addPrefix(entry, blocks[i]!);
    if (err) {
      issues.push({ message: err, range: where, fromBlock: true });
      break;
    }
  }
  return { entry, transition, linkTarget, issues };
}

function xHelp(message: string): string {
  return message === DENY_X_QUALIFIED
    ? "a deny rule takes a plain 'x': it denies every kind of exec"
    : "say how the program runs: 'ix' (inherit), 'px'/'Px' (its own profile), 'cx'/'Cx' (a child profile) or 'ux'/'Ux' (unconfined)";
}

// ---------------------------------------------------------------------------------------------------------
// Named transitions (profile.cc add_named_transition): each distinct target takes a slot in a per-profile
// table of 12; the slot number replaces the exec modifier bits, so it is part of the exec type.

export interface TransitionTable {
  /** The modifier index (3 = local, 4… = table slot) of each live file rule with a transition. */
  index: Map<ResolvedRule, number>;
  /** The first rule (in source order) whose target no longer fits, with its target. */
  overflow: { rule: ResolvedRule; word: Word } | null;
}

/** C strncmp(a, b, n) !== 0, with the strings ending where C strings would. */
function strncmpDiffers(a: string, b: string, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? "";
    const y = b[i] ?? "";
    if (x !== y) return true;
    if (x === "") return false;
  }
  return false;
}

/** Which table entry a rule's transition resolves to: an index, or the name it needs a slot for. */
function transitionName(profileName: string, node: FileRule, halves: Halves, target: string): string | number {
  if (!labelContainsNs(target)) {
    const path = node.path?.value ?? "";
    const sub = target.indexOf("//");
    if (sub >= 0 && strncmpDiffers(profileName, target.slice(sub), sub) && target.slice(sub + 2) === path) {
      return LOCAL_INDEX;
    }
    const local = (halves.user & EXEC_MODIFIERS) === LOCAL || (halves.other & EXEC_MODIFIERS) === LOCAL;
    if (local) return target === path ? LOCAL_INDEX : `${profileName}//${target}`;
  }
  return target;
}

/** Tables already filled: the file-rule and exec-conflict checks both need each profile's. */
const transitionTables = new WeakMap<ResolvedProfile, TransitionTable>();

/** Fills a profile's transition table from its live rules, as upstream does when the profile closes. */
export function transitionTable(profile: ResolvedProfile): TransitionTable {
  let table = transitionTables.get(profile);
  if (!table) {
    table = fillTransitionTable(profile);
    transitionTables.set(profile, table);
  }
  return table;
}

function fillTransitionTable(profile: ResolvedProfile): TransitionTable {
  const index = new Map<ResolvedRule, number>();
  const names: string[] = [];
  let overflow: TransitionTable["overflow"] = null;
  const slot = (name: string): number => {
    const at = names.indexOf(name);
    if (at >= 0) return FIRST_NAMED_INDEX + at;
    if (FIRST_NAMED_INDEX + names.length >= EXEC_TABLE_SIZE) return 0;
    names.push(name);
    return FIRST_NAMED_INDEX + names.length - 1;
  };
  for (const rule of profile.rules) {
    if (!rule.live) continue;
    const node = rule.node;
    if (node.type === "FileRule") {
      const model = modelFileRule(node, rule.blocks);
      if (model.issues.length || !model.transition) continue;
      const t = transitionName(profile.node.name.value, node, model.entry.halves, model.transition.value);
      const n = typeof t === "number" ? t : slot(t);
      if (n === 0) overflow ??= { rule, word: model.transition };
      else index.set(rule, n);
    } else if (node.type === "PivotRootRule" && node.target) {
      if (slot(node.target.value) === 0) overflow ??= { rule, word: node.target };
    }
  }
  return { index, overflow };
}

/** A rule's halves with the transition index in place of the exec modifiers (post_process_file_entries). */
export function withTransition(halves: Halves, index: number | undefined): Halves {
  if (index === undefined) return halves;
  const apply = (h: number) => (h & ~EXEC_MODIFIERS) | (h & P.exec ? (index << 10) & EXEC_MODIFIERS : 0);
  return { user: apply(halves.user), other: apply(halves.other) };
}

// ---------------------------------------------------------------------------------------------------------
// The check

/**
 * A path or link target as the compiler compiles it: the pattern itself, then (replace_profile_aliases in
 * parser_alias.c) the copy of the rule each alias makes when the path starts with the alias's source, the
 * source replaced by the target as written (never variable-expanded).
 */
function checkGlob(word: Word, rule: ResolvedRule, profile: ResolvedProfile, ctx: CheckContext): void {
  const value = ctx.expand(word, rule, profile);
  if (value === null) return;
  const pattern = filterSlashes(value);
  const err = aareError(pattern);
  if (err) {
    ctx.report(rule, word.range, err, {
      help: pattern === word.value ? undefined : `the pattern after variable expansion is '${pattern}'`,
    });
  }
  for (const { node } of ctx.program.aliases) {
    const from = node.from.value;
    if (!value.startsWith(from)) continue;
    const copy = node.to.value + value.slice(from.length);
    const copyErr = aareError(filterSlashes(copy));
    if (copyErr) {
      ctx.report(rule, word.range, copyErr, {
        help: `'alias ${from} -> ${node.to.value}' gives this rule a copy for '${copy}', which is not a valid pattern`,
      });
      return;
    }
  }
}

export const fileRuleCheck: Check = {
  code: "AA2020",
  name: "file-rule",

  rule(rule, profile, ctx) {
    const node = rule.node;
    if (node.type === "FileRule") {
      const model = modelFileRule(node, rule.blocks);
      const issue = model.issues[0];
      if (issue && !issue.fromBlock) ctx.report(rule, issue.range, issue.message, issue.help ? { help: issue.help } : {});
      if (issue || !rule.live) return;
      if (node.path) checkGlob(node.path, rule, profile, ctx);
      if (model.linkTarget) checkGlob(model.linkTarget, rule, profile, ctx);
    } else if (node.type === "LinkRule") {
      if (!rule.live) return;
      checkGlob(node.path, rule, profile, ctx);
      checkGlob(node.target, rule, profile, ctx);
    }
  },

  profile(profile, ctx) {
    if (!profile.live) return;
    const { overflow } = transitionTable(profile);
    if (overflow) {
      ctx.report(overflow.rule, overflow.word.range,
        `Profile ${profile.node.name.value} has too many specified profile transitions.`, {
          help: `a profile can name at most ${EXEC_TABLE_SIZE - FIRST_NAMED_INDEX} distinct transition targets ('-> NAME'), counting rules without 'x'`,
        });
    }
  },
};
