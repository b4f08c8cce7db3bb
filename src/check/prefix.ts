/**
 * Rule prefixes `[priority=N] [audit] [allow|deny|prompt] [owner|other]`: which rule kinds accept which,
 * the priority range, and qualifier blocks (`deny owner { … }`).
 *
 * All of these are parse-time errors upstream, so they apply to every rule as written, including rules in
 * untaken `if` branches and non-file rules a qualifier block later drops.
 *
 * A qualifier block hands its prefix only to the file, link and change_profile rules inside it, one block
 * level at a time from the innermost out (entry_add_prefix): a rule mode that differs from the block's
 * conflicts, owner/other masks the permissions, and the exec-qualifier check runs again with the combined
 * mode. The first such check, with the rule's own prefix, belongs to the file-rule checks.
 */
import type { Item, Prefix, PrefixedRule, Range, RuleMode } from "../ast/nodes.js";
import type { Origin, ResolvedProfile, ResolvedRule } from "../resolve/model.js";
import type { Check, CheckContext } from "./context.js";

export const prefixCheck: Check = {
  code: "AA2001",
  name: "rule-prefix",
  rule(rule, _profile, ctx) {
    if (rule.node.type === "RlimitRule") return;
    const node = rule.node;
    if (!checkPriorityRange(node.prefix, rule, ctx)) return;
    if (!checkAllowed(node, rule, ctx)) return;
    if (rule.blocks.length) applyBlocks(node, rule, rule.blocks, ctx);
  },
  profile(profile, ctx) {
    for (const { prefix, origin } of blocksOf(profile)) {
      if (!checkPriorityRange(prefix, origin, ctx)) continue;
      if (prefix.priority && priorityValue(prefix.priority.value) !== 0n) {
        ctx.report(origin, prefix.priority.range, "priority is not allowed on rule blocks", {
          help: "put priority= on the rules inside the block",
        });
      }
    }
  },
};

// ---------------------------------------------------------------------------------------------------------
// Priority

const MAX_PRIORITY = 1000n;
const MIN_PRIORITY = -1000n;
const LONG_MAX = (1n << 63n) - 1n;
const LONG_MIN = -(1n << 63n);

/** The value strtol gives for the lexed `[+-]?[0-9]+` (saturating on overflow). */
function priorityValue(text: string): bigint {
  const m = /^[+-]?[0-9]+/.exec(text);
  if (!m) return 0n;
  const v = BigInt(m[0]);
  return v > LONG_MAX ? LONG_MAX : v < LONG_MIN ? LONG_MIN : v;
}

function checkPriorityRange(prefix: Prefix, origin: Origin, ctx: CheckContext): boolean {
  if (!prefix.priority) return true;
  const text = prefix.priority.value;
  if (!/^[+-]?[0-9]+$/.test(text)) {
    ctx.report(origin, prefix.priority.range, `invalid priority ${text}`);
    return false;
  }
  const v = priorityValue(text);
  // Upstream prints '>' for both bounds.
  if (v > MAX_PRIORITY || v < MIN_PRIORITY) {
    ctx.report(origin, prefix.priority.range,
      `invalid priority ${v} > ${v > MAX_PRIORITY ? MAX_PRIORITY : MIN_PRIORITY}`,
      { help: "priority must be between -1000 and 1000" });
    return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------
// Which prefixes each rule kind accepts

interface Allowed {
  /** The noun in the messages. */
  noun: string;
  /** priority≠0 is an error (else it is accepted or silently ignored). */
  noPriority?: boolean;
  /** The owner message uses upstream's older wording. */
  ownerWording?: "conditional";
  /** owner/other are accepted. */
  owner?: boolean;
}

const ALLOWED: Record<PrefixedRule["type"], Allowed> = {
  FileRule: { noun: "file", owner: true },
  LinkRule: { noun: "link", owner: true },
  CapabilityRule: { noun: "capability", ownerWording: "conditional" },
  ChangeProfileRule: { noun: "change_profile", ownerWording: "conditional" },
  NetworkRule: { noun: "network", noPriority: true },
  UnixRule: { noun: "unix" },
  DbusRule: { noun: "dbus" },
  SignalRule: { noun: "signal" },
  PtraceRule: { noun: "ptrace" },
  MountRule: { noun: "mount" },
  RemountRule: { noun: "mount" },
  UmountRule: { noun: "mount" },
  PivotRootRule: { noun: "mount" },
  UsernsRule: { noun: "userns" },
  MqueueRule: { noun: "mqueue" },
  IoUringRule: { noun: "io_uring" },
  AllRule: { noun: "all", noPriority: true },
};

function checkAllowed(node: PrefixedRule, rule: ResolvedRule, ctx: CheckContext): boolean {
  const allowed = ALLOWED[node.type];
  const p = node.prefix;
  if (allowed.noPriority && p.priority && priorityValue(p.priority.value) !== 0n) {
    ctx.report(rule, p.priority.range, `priority prefix not allowed on ${allowed.noun} rules`);
    return false;
  }
  if (!allowed.owner && p.owner) {
    const message = allowed.ownerWording === "conditional"
      ? `owner conditional not allowed on ${allowed.noun} rules`
      : `owner prefix not allowed on ${allowed.noun} rules`;
    ctx.report(rule, p.ownerRange ?? p.range ?? node.range, message, {
      help: "owner and other apply only to file rules",
    });
    return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------
// Qualifier blocks

const DENY_QUALIFIED = "Invalid perms, in deny rules 'x' must not be preceded by exec qualifier 'i', 'p', or 'u'";
const BARE_X = "Invalid perms, 'x' must be preceded by exec qualifier 'i', 'p', or 'u'";

/** What entry_add_prefix needs to know about a file-like rule. */
interface Entry {
  mode: RuleMode | null;
  /** Where the current mode was written, for the conflict message. */
  modeRange: Range;
  /** Which halves of the permissions are left after owner/other masking. */
  user: boolean;
  other: boolean;
  exec: boolean;
  execType: boolean;
  /** Where the exec permission is written. */
  execRange: Range;
}

function entryOf(node: PrefixedRule): Entry | null {
  const p = node.prefix;
  switch (node.type) {
    case "FileRule": {
      const perms = node.bare ? "ix" : node.permissions?.value ?? "";
      const exec = /[xX]/.test(perms);
      return {
        mode: p.mode,
        modeRange: p.modeRange ?? node.range,
        user: p.owner !== "other",
        other: p.owner !== "owner",
        exec,
        // Any i/u/p/c qualifier sets a type bit; `unsafe` adds one to every exec permission.
        execType: /[iIuUpPcC]/.test(perms) || (exec && node.safety === "unsafe"),
        execRange: node.permissions?.range ?? node.range,
      };
    }
    case "LinkRule":
      return {
        mode: p.mode, modeRange: p.modeRange ?? node.range, user: p.owner !== "other",
        other: p.owner !== "owner", exec: false, execType: false, execRange: node.range,
      };
    case "ChangeProfileRule":
      // Only `deny` is recorded on a change_profile entry; an exec condition carries the x bits, and
      // `unsafe` the exec type.
      return {
        mode: p.mode === "deny" ? "deny" : null,
        modeRange: p.modeRange ?? node.range,
        user: true,
        other: true,
        exec: node.exec !== null,
        execType: node.exec !== null && node.safety === "unsafe",
        execRange: node.exec?.range ?? node.range,
      };
    default:
      return null;
  }
}

function applyBlocks(node: PrefixedRule, rule: ResolvedRule, blocks: Prefix[], ctx: CheckContext): void {
  const entry = entryOf(node);
  // Other rule kinds are dropped by the block without seeing its prefix.
  if (!entry) return;
  // The rule's own pass is the file-rule check's to report; upstream stops there when it fails.
  if (node.type !== "ChangeProfileRule" && xQualifierError(entry)) return;
  for (let i = blocks.length - 1; i >= 0; i--) {
    const block = blocks[i]!;
    if (block.mode) {
      if (entry.mode && entry.mode !== block.mode) {
        ctx.report(rule, entry.modeRange, "conflicting mode prefix", {
          help: `the rule is '${entry.mode}' inside a '${block.mode}' block`,
        });
        return;
      }
      if (!entry.mode) entry.modeRange = node.range;
      entry.mode = block.mode;
    }
    if (block.owner === "owner") entry.other = false;
    else if (block.owner === "other") entry.user = false;
    const error = xQualifierError(entry);
    if (error === DENY_QUALIFIED) {
      ctx.report(rule, entry.execRange, error, {
        help: "an enclosing 'deny' block makes this a deny rule; deny rules take a bare 'x'",
      });
      return;
    }
    if (error === BARE_X) {
      ctx.report(rule, entry.execRange, error, {
        help: "a bare 'x' is checked before an enclosing 'deny' block applies; write 'deny' on the rule itself",
      });
      return;
    }
  }
}

/** Upstream check_x_qualifier on the entry as it stands. */
function xQualifierError(entry: Entry): string | null {
  const present = entry.user || entry.other;
  if (!(entry.exec && present)) return null;
  const typed = entry.execType && present;
  if (entry.mode === "deny" && typed) return DENY_QUALIFIED;
  if (entry.mode !== "deny" && !typed) return BARE_X;
  return null;
}

/**
 * Every qualifier block of a profile body, with where it was written: those in the profile's own text
 * (found even when empty) and those reached through includes (known from the rules inside them).
 */
function blocksOf(profile: ResolvedProfile): { prefix: Prefix; origin: Origin }[] {
  const out: { prefix: Prefix; origin: Origin }[] = [];
  const seen = new Set<Prefix>();
  const walk = (items: Item[]) => {
    for (const item of items) {
      if (item.type === "RuleBlock") {
        if (!seen.has(item.prefix)) {
          seen.add(item.prefix);
          out.push({ prefix: item.prefix, origin: profile });
        }
        walk(item.body);
      } else if (item.type === "ConditionalBlock") {
        for (const b of item.branches) walk(b.body);
      }
    }
  };
  walk(profile.node.body);
  for (const r of profile.rules) {
    for (const b of r.blocks) {
      if (seen.has(b)) continue;
      seen.add(b);
      out.push({ prefix: b, origin: r });
    }
  }
  return out;
}
