/**
 * Mount option words and the flag-class logic apparmor_parser applies to mount rules (parser/mount.cc,
 * parser/mount.h). Bits are the kernel's MS_* numbers, because upstream's masks and conflict test are
 * defined on them.
 */

const bit = (n: number): number => (n === 31 ? 0x80000000 : 1 << n);

export const MS = {
  RDONLY: bit(0),
  NOSUID: bit(1),
  NODEV: bit(2),
  NOEXEC: bit(3),
  SYNC: bit(4),
  REMOUNT: bit(5),
  MAND: bit(6),
  DIRSYNC: bit(7),
  NOSYMFOLLOW: bit(8),
  NOATIME: bit(10),
  NODIRATIME: bit(11),
  BIND: bit(12),
  MOVE: bit(13),
  REC: bit(14),
  SILENT: bit(15),
  ACL: bit(16),
  UNBINDABLE: bit(17),
  PRIVATE: bit(18),
  SLAVE: bit(19),
  SHARED: bit(20),
  RELATIME: bit(21),
  IVERSION: bit(23),
  STRICTATIME: bit(24),
  LAZYTIME: bit(25),
  NOUSER: bit(31),
} as const;

/** Flags that select a mount command rather than describe the new mount. */
export const MS_CMDS =
  MS.MOVE | MS.REMOUNT | MS.BIND | MS.REC | MS.UNBINDABLE | MS.PRIVATE | MS.SLAVE | MS.SHARED;
/** Propagation-type commands. */
export const MS_MAKE_CMDS = MS.UNBINDABLE | MS.PRIVATE | MS.SLAVE | MS.SHARED | MS.REC;
/** What a rule without options allows; MS_USER is 0 upstream, so bit 31 is not in it. */
export const MS_ALL_FLAGS = 0x03bffdff;
export const MS_REMOUNT_FLAGS = MS_ALL_FLAGS & ~MS.MOVE;

export interface MountOption {
  /** Bits the word requires set. */
  set: number;
  /** Bits the word requires clear. */
  clear: number;
}

const opt = (set: number, clear = 0): MountOption => ({ set, clear });

/** `mnt_opts_table`: the only legal option words, matched exactly (case-sensitive, no expansion). */
export const MOUNT_OPTIONS: ReadonlyMap<string, MountOption> = new Map([
  ["ro", opt(MS.RDONLY)],
  ["r", opt(MS.RDONLY)],
  ["read-only", opt(MS.RDONLY)],
  ["rw", opt(0, MS.RDONLY)],
  ["w", opt(0, MS.RDONLY)],
  ["suid", opt(0, MS.NOSUID)],
  ["nosuid", opt(MS.NOSUID)],
  ["dev", opt(0, MS.NODEV)],
  ["nodev", opt(MS.NODEV)],
  ["exec", opt(0, MS.NOEXEC)],
  ["noexec", opt(MS.NOEXEC)],
  ["sync", opt(MS.SYNC)],
  ["async", opt(0, MS.SYNC)],
  ["remount", opt(MS.REMOUNT)],
  ["mand", opt(MS.MAND)],
  ["nomand", opt(0, MS.MAND)],
  ["dirsync", opt(MS.DIRSYNC)],
  ["symfollow", opt(0, MS.NOSYMFOLLOW)],
  ["nosymfollow", opt(MS.NOSYMFOLLOW)],
  ["atime", opt(0, MS.NOATIME)],
  ["noatime", opt(MS.NOATIME)],
  ["diratime", opt(0, MS.NODIRATIME)],
  ["nodiratime", opt(MS.NODIRATIME)],
  ["bind", opt(MS.BIND)],
  ["B", opt(MS.BIND)],
  ["move", opt(MS.MOVE)],
  ["M", opt(MS.MOVE)],
  ["rbind", opt(MS.BIND | MS.REC)],
  ["R", opt(MS.BIND | MS.REC)],
  ["verbose", opt(MS.SILENT)],
  ["silent", opt(MS.SILENT)],
  ["loud", opt(0, MS.SILENT)],
  ["acl", opt(MS.ACL)],
  ["noacl", opt(0, MS.ACL)],
  ["unbindable", opt(MS.UNBINDABLE)],
  ["make-unbindable", opt(MS.UNBINDABLE)],
  ["runbindable", opt(MS.UNBINDABLE | MS.REC)],
  ["make-runbindable", opt(MS.UNBINDABLE | MS.REC)],
  ["private", opt(MS.PRIVATE)],
  ["make-private", opt(MS.PRIVATE)],
  ["rprivate", opt(MS.PRIVATE | MS.REC)],
  ["make-rprivate", opt(MS.PRIVATE | MS.REC)],
  ["slave", opt(MS.SLAVE)],
  ["make-slave", opt(MS.SLAVE)],
  ["rslave", opt(MS.SLAVE | MS.REC)],
  ["make-rslave", opt(MS.SLAVE | MS.REC)],
  ["shared", opt(MS.SHARED)],
  ["make-shared", opt(MS.SHARED)],
  ["rshared", opt(MS.SHARED | MS.REC)],
  ["make-rshared", opt(MS.SHARED | MS.REC)],
  ["relatime", opt(MS.RELATIME)],
  ["norelatime", opt(0, MS.RELATIME)],
  ["iversion", opt(MS.IVERSION)],
  ["noiversion", opt(0, MS.IVERSION)],
  ["strictatime", opt(MS.STRICTATIME)],
  ["nostrictatime", opt(0, MS.STRICTATIME)],
  ["lazytime", opt(MS.LAZYTIME)],
  ["nolazytime", opt(0, MS.LAZYTIME)],
  ["user", opt(0, MS.NOUSER)],
  ["nouser", opt(MS.NOUSER)],
]);

/** The condition names mount, remount and umount accept before `->` (`mnt_conds_table`). */
export const MOUNT_CONDITIONS: ReadonlyMap<string, "options" | "fstype"> = new Map([
  ["options", "options"],
  ["option", "options"],
  ["fstype", "fstype"],
  ["vfstype", "fstype"],
]);

/** The one condition pivot_root accepts. */
export const PIVOT_ROOT_CONDITION = "oldroot";

/** The option words of one conditional, folded as upstream's extract_flags does. */
export interface FlagSet {
  set: number;
  clear: number;
  /** Indices of the values that are not option words. */
  unknown: number[];
}

export function foldOptions(values: readonly string[]): FlagSet {
  let set = 0;
  let clear = 0;
  const unknown: number[] = [];
  values.forEach((v, i) => {
    const o = MOUNT_OPTIONS.get(v);
    if (!o) unknown.push(i);
    else {
      set |= o.set;
      clear |= o.clear;
    }
  });
  return { set, clear, unknown };
}

/**
 * The first pair of words in one `options=` list where a later word clears a bit an earlier one sets (or
 * the reverse), as [earlier index, later index]; null when the list is consistent.
 */
export function firstConflict(values: readonly string[]): [number, number] | null {
  for (let j = 0; j < values.length; j++) {
    const b = MOUNT_OPTIONS.get(values[j]!);
    if (!b) continue;
    for (let i = 0; i < j; i++) {
      const a = MOUNT_OPTIONS.get(values[i]!);
      if (a && ((a.set & b.clear) | (a.clear & b.set)) !== 0) return [i, j];
    }
  }
  return null;
}

export type MountKind = "mount" | "remount";

/** What the encoder knows about a mount or remount rule. */
export interface MountShape {
  kind: MountKind;
  /** A source is written (never for remount). */
  source: boolean;
  /** A mount point is written. */
  mountpoint: boolean;
  /** An fstype value is written. */
  fstype: boolean;
  /** One entry per `options=` conditional: its set bits. */
  required: number[];
  /** One entry per `options in` conditional: its set and clear bits together. */
  optional: number[];
}

/** The flag pairs upstream's rule constructor leaves for the encoder, defaults filled in. */
export function flagPairs(shape: MountShape): { required: number[]; optional: number[] } {
  const remount = shape.kind === "remount";
  let required = shape.required.map((f) => (remount ? f | MS.REMOUNT : f));
  let optional = shape.optional;
  if (required.length === 0 && optional.length === 0) {
    required = remount ? [MS.REMOUNT] : [MS_ALL_FLAGS];
    optional = remount ? [MS_REMOUNT_FLAGS & ~MS.REMOUNT] : [MS_ALL_FLAGS];
  } else if (required.length === 0) {
    required = [remount ? MS.REMOUNT : 0];
  } else if (optional.length === 0) {
    optional = [0];
  }
  return { required, optional };
}

/** Which encoder branch upstream's gen_flag_rules takes for one (flags, optional flags) pair, if any. */
export type EncodeBranch = "all" | "remount" | "bind" | "propagation" | "move" | "new-mount";

export function encodeBranch(shape: MountShape, flags: number, optFlags: number): EncodeBranch | null {
  const dev = shape.source;
  const ty = shape.fstype;
  if (flags === 0 || flags === MS_ALL_FLAGS) return "all";
  if (flags & MS.REMOUNT && !dev && !ty) return "remount";
  if (flags & MS.BIND && !ty) return "bind";
  if (flags & MS_MAKE_CMDS && (!dev || !shape.mountpoint) && !ty) return "propagation";
  if (flags & MS.MOVE && !ty) return "move";
  if ((flags | optFlags) & ~MS_CMDS) return "new-mount";
  return null;
}

/**
 * Whether upstream's encoder emits at least one rule: it tries every pair of a required and an optional
 * flag set and fails the rule only when none generates.
 */
export function encodes(shape: MountShape): boolean {
  const { required, optional } = flagPairs(shape);
  return required.some((f) => optional.some((o) => encodeBranch(shape, f, o) !== null));
}
