/**
 * mount, remount, umount and pivot_root rules, as apparmor_parser checks them (parser_yacc.y do_mnt_rule /
 * do_pivot_rule, parser/mount.cc).
 *
 * Upstream checks the conditionals while parsing, so those checks run on every rule, including rules in
 * untaken `if` branches and rules a qualifier block drops. Variable expansion, glob conversion and the
 * flag-class encoding happen when the profile is compiled, so they only run on live rules. The `owner`
 * prefix is the prefix check's business.
 */
import type {
  Condition, MountRule, PivotRootRule, Range, RemountRule, UmountRule, Word,
} from "../ast/nodes.js";
import type { ResolvedProfile, ResolvedRule } from "../resolve/model.js";
import { aareError } from "../aare/validate.js";
import type { Check, CheckContext } from "./context.js";
import {
  MOUNT_CONDITIONS, MOUNT_OPTIONS, MS, MS_CMDS, MS_MAKE_CMDS, PIVOT_ROOT_CONDITION, encodeBranch, encodes,
  firstConflict, flagPairs, foldOptions, type MountShape,
} from "./mount-options.js";

type MountLike = MountRule | RemountRule | UmountRule;

export const mountCheck: Check = {
  code: "AA2056",
  name: "mount-rule",
  rule(rule, profile, ctx) {
    const node = rule.node;
    switch (node.type) {
      case "MountRule":
      case "RemountRule":
      case "UmountRule":
        checkMountLike(rule, node, profile, ctx);
        return;
      case "PivotRootRule":
        checkPivotRoot(rule, node, profile, ctx);
        return;
      default:
        return;
    }
  },
};

const KEYWORD: Record<MountLike["type"], string> = {
  MountRule: "mount",
  RemountRule: "remount",
  UmountRule: "umount",
};

function span(from: Range, to: Range): Range {
  return { start: from.start, end: to.end };
}

function checkMountLike(rule: ResolvedRule, node: MountLike, profile: ResolvedProfile, ctx: CheckContext): void {
  // Parse time: any failure here ends upstream's parse, so later stages never see the rule.
  if (!conditionNamesValid(rule, node, ctx)) return;
  if (node.type === "MountRule" && node.destConditions.length > 0) {
    const first = node.destConditions[0]!;
    const last = node.destConditions[node.destConditions.length - 1]!;
    ctx.report(rule, span(first.range, last.range), "mount point conditions not currently supported", {
      help: "write the conditionals before the source: `mount fstype=ext4 options=(ro) /dev/sda1 -> /mnt,`",
    });
    return;
  }
  const flags = optionFlags(rule, node, ctx);
  if (!flags) return;

  if (!rule.live) return;

  // Compile time: upstream expands the mount point, then the source, then the fstype values.
  const mountpoint = expandField(node.mountpoint, rule, profile, ctx);
  if (mountpoint === null) return;
  const sourceWord = node.type === "MountRule" ? node.source : null;
  const source = expandField(sourceWord, rule, profile, ctx);
  if (source === null) return;
  const fstypes: { word: Word; value: string }[] = [];
  for (const c of node.conditions) {
    if (MOUNT_CONDITIONS.get(c.name.value) !== "fstype") continue;
    for (const w of c.values) {
      const value = ctx.expand(w, rule, profile);
      if (value === null) return;
      fstypes.push({ word: w, value });
    }
  }

  // umount converts only its path; its options and fstype are ignored once validated.
  const globs: { word: Word; value: string }[] = [];
  if (mountpoint) globs.push(mountpoint);
  if (node.type !== "UmountRule") {
    if (source && source.value !== "detached") globs.push(source);
    globs.push(...fstypes);
  }
  for (const g of globs) {
    const err = aareError(g.value);
    if (err) ctx.report(rule, g.word.range, err);
  }

  if (node.type === "UmountRule") return;
  const shape: MountShape = {
    kind: node.type === "RemountRule" ? "remount" : "mount",
    source: source !== undefined,
    mountpoint: mountpoint !== undefined,
    fstype: fstypes.length > 0,
    required: flags.required.map((r) => r.set),
    optional: flags.optional,
  };
  if (!encodes(shape)) {
    reportEncodingFailure(rule, node, shape, flags.required, ctx);
    return;
  }
  warnDeprecatedPropagation(rule, node, shape, ctx);
}

/** C1: only options/option/fstype/vfstype may stand before `->`. */
function conditionNamesValid(rule: ResolvedRule, node: MountLike, ctx: CheckContext): boolean {
  let ok = true;
  for (const c of node.conditions) {
    if (MOUNT_CONDITIONS.has(c.name.value)) continue;
    ok = false;
    ctx.report(rule, c.name.range, `invalid mount conditional ${c.name.value}`, {
      help: `${KEYWORD[node.type]} rules accept only the conditionals options=, options in, fstype= and fstype in`,
    });
  }
  return ok;
}

interface RequiredSet {
  cond: Condition;
  set: number;
}

/**
 * C3 and C4: every option word must be known, and one `options=` list must not both set and clear a flag.
 * Upstream handles the `in` lists first, then the `=` lists, each in written order.
 */
function optionFlags(
  rule: ResolvedRule,
  node: MountLike,
  ctx: CheckContext,
): { required: RequiredSet[]; optional: number[] } | null {
  const options = node.conditions.filter((c) => MOUNT_CONDITIONS.get(c.name.value) === "options");
  const ordered = [...options.filter((c) => c.operator === "in"), ...options.filter((c) => c.operator !== "in")];
  const required: RequiredSet[] = [];
  const optional: number[] = [];
  let ok = true;
  for (const c of ordered) {
    const values = c.values.map((w) => w.value);
    const folded = foldOptions(values);
    for (const i of folded.unknown) {
      const w = c.values[i]!;
      const help = unknownOptionHelp(c, w);
      ctx.report(rule, w.range, `unsupported mount option value '${w.value}'`, help ? { help } : {});
      ok = false;
    }
    if (folded.unknown.length > 0) continue;
    if (c.operator === "in") {
      // Optional flags mean the same set or clear, so upstream never checks them for conflicts.
      optional.push(folded.set | folded.clear);
      continue;
    }
    const set = node.type === "RemountRule" ? folded.set | MS.REMOUNT : folded.set;
    if ((set & folded.clear) !== 0) {
      ok = false;
      const pair = firstConflict(values);
      const range = pair ? c.values[pair[1]]!.range : c.range;
      const help = pair
        ? `'${values[pair[1]]}' contradicts '${values[pair[0]]}' in the same options=(…) list; keep one of them, ` +
          "or use `options in (…)` to allow either"
        : undefined;
      ctx.report(rule, range, "conflicting flags in the rule", help ? { help } : {});
      continue;
    }
    required.push({ cond: c, set });
  }
  return ok ? { required, optional } : null;
}

function unknownOptionHelp(cond: Condition, word: Word): string | undefined {
  const v = word.value;
  if (v.includes(",")) {
    const parts = v.split(",").map((p) => p.trim()).filter((p) => p !== "");
    if (parts.length > 0 && parts.every((p) => MOUNT_OPTIONS.has(p))) {
      const op = cond.operator === "in" ? " in " : "=";
      return `a list of options needs parentheses: ${cond.name.value}${op}(${parts.join(",")})`;
    }
  }
  const lower = v.toLowerCase();
  if (lower !== v && MOUNT_OPTIONS.has(lower)) return `option words are case-sensitive: did you mean '${lower}'?`;
  if (v.includes("=")) return "filesystem-specific mount data (name=value) is not supported in mount rules";
  if (v.includes("@{")) return "variables are not expanded in mount options";
  return undefined;
}

/** The expanded value of an optional field: undefined when absent, null after an expansion error. */
function expandField(
  word: Word | null,
  rule: ResolvedRule,
  profile: ResolvedProfile,
  ctx: CheckContext,
): { word: Word; value: string } | undefined | null {
  if (!word) return undefined;
  const value = ctx.expand(word, rule, profile);
  return value === null ? null : { word, value };
}

/** C9: explains which combination left upstream's encoder with no rule to emit. */
function reportEncodingFailure(
  rule: ResolvedRule,
  node: MountRule | RemountRule,
  shape: MountShape,
  required: RequiredSet[],
  ctx: CheckContext,
): void {
  const { optional } = flagPairs(shape);
  const failing = required.find((r) => optional.every((o) => encodeBranch(shape, r.set, o) === null));
  const flags = failing?.set ?? (shape.kind === "remount" ? MS.REMOUNT : 0);
  const fstype = node.conditions.find((c) => MOUNT_CONDITIONS.get(c.name.value) === "fstype");
  const source = node.type === "MountRule" ? node.source : null;
  const target = node.mountpoint?.raw ?? source?.raw ?? "MOUNTPOINT";
  let range: Range = failing?.cond.range ?? node.range;
  let help: string;
  if (shape.fstype && flags & MS_CMDS) {
    range = fstype?.range ?? range;
    help =
      "bind, move, remount and propagation flags cannot be restricted by fstype; drop the fstype conditional " +
      "or add a regular mount flag";
  } else if (flags & MS.REMOUNT && source) {
    range = source.range;
    help = `a remount takes no source: write \`remount ${target},\` or \`mount options=(remount) -> ${target},\``;
  } else if (flags & MS_MAKE_CMDS && source) {
    range = source.range;
    help =
      "propagation flags (private, shared, slave, unbindable) apply to a mount point alone: drop the source and " +
      `write \`-> ${target}\``;
  } else {
    help = "these flags only name mount commands that the rest of the rule cannot describe";
  }
  ctx.report(rule, range, "Encoding of mount rule failed", { help });
}

/** Upstream warns (under -Wdeprecated) when a propagation rule names its mount point in the source slot. */
function warnDeprecatedPropagation(
  rule: ResolvedRule,
  node: MountRule | RemountRule,
  shape: MountShape,
  ctx: CheckContext,
): void {
  if (node.type !== "MountRule" || !node.source || shape.mountpoint) return;
  const { required, optional } = flagPairs(shape);
  const propagation = required.some((f) => optional.some((o) => encodeBranch(shape, f, o) === "propagation"));
  if (!propagation) return;
  ctx.report(rule, node.source.range, "The use of source as mount point for propagation type flags is deprecated.", {
    severity: "warning",
    help: `write \`-> ${node.source.raw}\` instead`,
  });
}

/** pivot_root: only the last-written conditional is looked at, and only its first value is used. */
function checkPivotRoot(rule: ResolvedRule, node: PivotRootRule, profile: ResolvedProfile, ctx: CheckContext): void {
  const last = node.conditions[node.conditions.length - 1];
  if (last && last.name.value !== PIVOT_ROOT_CONDITION) {
    ctx.report(rule, last.name.range, `invalid pivotroot conditional '${last.name.value}'`, {
      help: "pivot_root accepts only oldroot=PATH",
    });
    return;
  }
  if (!rule.live) return;

  // Upstream expands the new root, the old root and the transition target, in that order.
  const newRoot = expandField(node.newRoot, rule, profile, ctx);
  if (newRoot === null) return;
  const oldRoot = expandField(last?.values[0] ?? null, rule, profile, ctx);
  if (oldRoot === null) return;
  if (expandField(node.target, rule, profile, ctx) === null) return;
  // The transition target is never converted to a glob.
  for (const g of [newRoot, oldRoot]) {
    if (!g) continue;
    const err = aareError(g.value);
    if (err) ctx.report(rule, g.word.range, err);
  }
}
