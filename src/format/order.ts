/**
 * The canonical rule order of `aaprof fmt --sort`.
 *
 * Inside a profile, hat or block, rules are grouped by kind in this order, each group separated by one blank
 * line; within a group the author's order is kept (authors group related rules under a comment, and the
 * compiled policy does not depend on order, so there is nothing to gain from reshuffling them):
 *
 *   abi · include · set rlimit · capability · network · mount/remount/umount · pivot_root · signal ·
 *   ptrace · unix · dbus · mqueue · io_uring · userns · all · file and link rules · change_profile ·
 *   qualifier blocks (`audit { … }`) · if blocks · hats and child profiles
 *
 * This follows upstream aa-cleanprof's grouping (include, rlimit, capability, network, mount, signal, ptrace,
 * unix, dbus, file, change_profile), with two deliberate differences: rules of one kind are not re-sorted
 * alphabetically, and nothing is removed (aa-cleanprof drops duplicate rules and, by accident, `all,`).
 *
 * Variable assignments, aliases and (at file level) includes, abi rules and profiles are never moved: their
 * order is meaning (`@{X} +=` after its `=`, a tunables include before the variables it defines are used).
 * They split a list into runs, and only the rules of a run are grouped.
 */
import type { Item } from "../ast/nodes.js";

const GROUPS = [
  ["AbiRule"],
  ["IncludeDirective"],
  ["RlimitRule"],
  ["CapabilityRule"],
  ["NetworkRule"],
  ["MountRule", "RemountRule", "UmountRule"],
  ["PivotRootRule"],
  ["SignalRule"],
  ["PtraceRule"],
  ["UnixRule"],
  ["DbusRule"],
  ["MqueueRule"],
  ["IoUringRule"],
  ["UsernsRule"],
  ["AllRule"],
  ["FileRule", "LinkRule"],
  ["ChangeProfileRule"],
  ["RuleBlock"],
  ["ConditionalBlock"],
  ["Profile"],
] as const satisfies readonly (readonly Item["type"][])[];

const FIXED = ["VariableAssignment", "BooleanAssignment", "AliasRule"] as const satisfies readonly Item["type"][];

/** A new item kind does not compile until it has a place in the order (or is declared fixed). */
type Unplaced = Exclude<Item["type"], (typeof GROUPS)[number][number] | (typeof FIXED)[number]>;
const everyKindPlaced: [Unplaced] extends [never] ? true : Unplaced = true;
void everyKindPlaced;

/** Never moved, at any level. */
const BARRIERS: ReadonlySet<Item["type"]> = new Set(FIXED);
/** Never moved at file level, where they are preamble or whole profiles. */
const FILE_LEVEL_BARRIERS: ReadonlySet<Item["type"]> = new Set(["IncludeDirective", "AbiRule", "Profile"]);

const GROUP_OF = new Map<Item["type"], number>(GROUPS.flatMap((types, i) => types.map((t) => [t, i] as const)));

/** The canonical group of an item, or null when the item stays where it is. */
export function sortGroup(item: Item, fileLevel: boolean): number | null {
  if (BARRIERS.has(item.type) || (fileLevel && FILE_LEVEL_BARRIERS.has(item.type))) return null;
  return GROUP_OF.get(item.type) ?? null;
}

export interface Placed {
  /** Index in the source order. */
  index: number;
  /** Group, or null for an item that stays in place. */
  group: number | null;
}

/**
 * The output order: each run of movable items between fixed ones is stably sorted by group. Returns the
 * source indexes in output order with each item's group.
 */
export function canonicalOrder(items: readonly Item[], fileLevel: boolean): Placed[] {
  const out: Placed[] = [];
  let run: Placed[] = [];
  const flush = () => {
    run.sort((a, b) => a.group! - b.group! || a.index - b.index);
    out.push(...run);
    run = [];
  };
  items.forEach((item, index) => {
    const group = sortGroup(item, fileLevel);
    if (group === null) {
      flush();
      out.push({ index, group });
    } else run.push({ index, group });
  });
  flush();
  return out;
}
