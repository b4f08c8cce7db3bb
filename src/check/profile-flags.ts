/**
 * Profile flags (`flags=(…)` or the bare `(…)` form): the value table and how upstream merges a list of
 * values into one set (profile.h flagvals::init and flagvals::merge), with the same errors.
 */
import { signalNumber } from "./signal-names.js";

/** Profile modes, in upstream's profile_mode_table order; two different ones in one list conflict. */
export const PROFILE_MODES = ["enforce", "complain", "kill", "unconfined", "prompt", "default_allow"] as const;

/** Path flags that exclude each other, with the message merge() gives; checked in this order. */
const PATH_BITS = {
  chroot_relative: 1 << 0,
  namespace_relative: 1 << 1,
  mediate_deleted: 1 << 2,
  delegate_deleted: 1 << 3,
  attach_disconnected: 1 << 4,
  no_attach_disconnected: 1 << 5,
  chroot_attach: 1 << 6,
  chroot_no_attach: 1 << 7,
  ipc_attach: 1 << 8,
} as const;

const PATH_CONFLICTS: readonly [number, string][] = [
  [PATH_BITS.chroot_relative | PATH_BITS.namespace_relative,
    "Profile flag chroot_relative conflicts with namespace_relative"],
  [PATH_BITS.mediate_deleted | PATH_BITS.delegate_deleted,
    "Profile flag mediate_deleted conflicts with delegate_deleted"],
  [PATH_BITS.attach_disconnected | PATH_BITS.no_attach_disconnected,
    "Profile flag attach_disconnected conflicts with no_attach_disconnected"],
  [PATH_BITS.ipc_attach | PATH_BITS.no_attach_disconnected,
    "Profile flag attach_disconnected.ipc conflicts with no_attach_disconnected"],
  [PATH_BITS.chroot_attach | PATH_BITS.chroot_no_attach,
    "Profile flag chroot_attach conflicts with chroot_no_attach"],
];

/** Plain flags: exact, case-sensitive names and the path bits they set (0 for flags without any). */
const PLAIN_FLAGS: ReadonlyMap<string, number> = new Map([
  ["debug", 0],
  ["audit", 0],
  ["interruptible", 0],
  ["chroot_relative", PATH_BITS.chroot_relative],
  ["namespace_relative", PATH_BITS.namespace_relative],
  ["mediate_deleted", PATH_BITS.mediate_deleted],
  ["delegate_deleted", PATH_BITS.delegate_deleted],
  ["attach_disconnected", PATH_BITS.attach_disconnected],
  ["no_attach_disconnected", PATH_BITS.no_attach_disconnected],
  ["chroot_attach", PATH_BITS.chroot_attach],
  ["chroot_no_attach", PATH_BITS.chroot_no_attach],
  ["attach_disconnected.ipc", PATH_BITS.ipc_attach],
]);

export const DISCONNECTED_PATH_PREFIX = "attach_disconnected.path=";
export const DISCONNECTED_IPC_PREFIX = "attach_disconnected.ipc=";
const KILL_SIGNAL_PREFIX = "kill.signal=";
const ERROR_PREFIX = "error=";

/**
 * Every `#define E…` of glibc's <errno.h> on Linux, in the order upstream's generated errnos.h lists them;
 * the first name with a code is the one messages print (EWOULDBLOCK prints as EAGAIN).
 */
const ERRNO_TABLE: readonly [string, number][] = [
  ["EPERM", 1], ["ENOENT", 2], ["ESRCH", 3], ["EINTR", 4], ["EIO", 5], ["ENXIO", 6], ["E2BIG", 7],
  ["ENOEXEC", 8], ["EBADF", 9], ["ECHILD", 10], ["EAGAIN", 11], ["ENOMEM", 12], ["EACCES", 13],
  ["EFAULT", 14], ["ENOTBLK", 15], ["EBUSY", 16], ["EEXIST", 17], ["EXDEV", 18], ["ENODEV", 19],
  ["ENOTDIR", 20], ["EISDIR", 21], ["EINVAL", 22], ["ENFILE", 23], ["EMFILE", 24], ["ENOTTY", 25],
  ["ETXTBSY", 26], ["EFBIG", 27], ["ENOSPC", 28], ["ESPIPE", 29], ["EROFS", 30], ["EMLINK", 31],
  ["EPIPE", 32], ["EDOM", 33], ["ERANGE", 34], ["EDEADLK", 35], ["ENAMETOOLONG", 36], ["ENOLCK", 37],
  ["ENOSYS", 38], ["ENOTEMPTY", 39], ["ELOOP", 40], ["EWOULDBLOCK", 11], ["ENOMSG", 42], ["EIDRM", 43],
  ["ECHRNG", 44], ["EL2NSYNC", 45], ["EL3HLT", 46], ["EL3RST", 47], ["ELNRNG", 48], ["EUNATCH", 49],
  ["ENOCSI", 50], ["EL2HLT", 51], ["EBADE", 52], ["EBADR", 53], ["EXFULL", 54], ["ENOANO", 55],
  ["EBADRQC", 56], ["EBADSLT", 57], ["EDEADLOCK", 35], ["EBFONT", 59], ["ENOSTR", 60], ["ENODATA", 61],
  ["ETIME", 62], ["ENOSR", 63], ["ENONET", 64], ["ENOPKG", 65], ["EREMOTE", 66], ["ENOLINK", 67],
  ["EADV", 68], ["ESRMNT", 69], ["ECOMM", 70], ["EPROTO", 71], ["EMULTIHOP", 72], ["EDOTDOT", 73],
  ["EBADMSG", 74], ["EOVERFLOW", 75], ["ENOTUNIQ", 76], ["EBADFD", 77], ["EREMCHG", 78], ["ELIBACC", 79],
  ["ELIBBAD", 80], ["ELIBSCN", 81], ["ELIBMAX", 82], ["ELIBEXEC", 83], ["EILSEQ", 84], ["ERESTART", 85],
  ["ESTRPIPE", 86], ["EUSERS", 87], ["ENOTSOCK", 88], ["EDESTADDRREQ", 89], ["EMSGSIZE", 90],
  ["EPROTOTYPE", 91], ["ENOPROTOOPT", 92], ["EPROTONOSUPPORT", 93], ["ESOCKTNOSUPPORT", 94],
  ["EOPNOTSUPP", 95], ["EPFNOSUPPORT", 96], ["EAFNOSUPPORT", 97], ["EADDRINUSE", 98], ["EADDRNOTAVAIL", 99],
  ["ENETDOWN", 100], ["ENETUNREACH", 101], ["ENETRESET", 102], ["ECONNABORTED", 103], ["ECONNRESET", 104],
  ["ENOBUFS", 105], ["EISCONN", 106], ["ENOTCONN", 107], ["ESHUTDOWN", 108], ["ETOOMANYREFS", 109],
  ["ETIMEDOUT", 110], ["ECONNREFUSED", 111], ["EHOSTDOWN", 112], ["EHOSTUNREACH", 113], ["EALREADY", 114],
  ["EINPROGRESS", 115], ["ESTALE", 116], ["EUCLEAN", 117], ["ENOTNAM", 118], ["ENAVAIL", 119],
  ["EISNAM", 120], ["EREMOTEIO", 121], ["EDQUOT", 122], ["ENOMEDIUM", 123], ["EMEDIUMTYPE", 124],
  ["ECANCELED", 125], ["ENOKEY", 126], ["EKEYEXPIRED", 127], ["EKEYREVOKED", 128], ["EKEYREJECTED", 129],
  ["EOWNERDEAD", 130], ["ENOTRECOVERABLE", 131], ["ERFKILL", 132], ["EHWPOISON", 133], ["ENOTSUP", 95],
];

/** The code of an errno name, case-insensitively (upstream uses strcasecmp), or -1. */
export function errorCode(name: string): number {
  const upper = name.toUpperCase();
  for (const [n, code] of ERRNO_TABLE) if (n === upper) return code;
  return -1;
}

function errorName(code: number): string {
  for (const [n, c] of ERRNO_TABLE) if (c === code) return n;
  return String(code);
}

/** One flag value after flagvals::init, or the error init reports for it. */
export interface FlagValue {
  mode: string | null;
  path: number;
  disconnectedPath: string | null;
  disconnectedIpc: string | null;
  signal: number;
  error: number;
}

export type ParsedFlag = { ok: true; flag: FlagValue } | { ok: false; message: string };

export function parseFlag(str: string): ParsedFlag {
  const flag: FlagValue = { mode: null, path: 0, disconnectedPath: null, disconnectedIpc: null, signal: 0, error: 0 };
  const plain = PLAIN_FLAGS.get(str);
  if ((PROFILE_MODES as readonly string[]).includes(str)) {
    flag.mode = str;
  } else if (plain !== undefined) {
    flag.path = plain;
  } else if (str.startsWith(DISCONNECTED_PATH_PREFIX)) {
    flag.path = PATH_BITS.attach_disconnected;
    flag.disconnectedPath = str.slice(DISCONNECTED_PATH_PREFIX.length);
  } else if (str.startsWith(KILL_SIGNAL_PREFIX)) {
    const name = str.slice(KILL_SIGNAL_PREFIX.length);
    const signal = signalNumber(name);
    if (signal === null) return { ok: false, message: `unknown signal specified for kill.signal='${name}'` };
    flag.signal = signal;
  } else if (str.startsWith(ERROR_PREFIX)) {
    const name = str.slice(ERROR_PREFIX.length);
    flag.error = errorCode(name);
    if (flag.error === -1) return { ok: false, message: `unknown error code specified for error='${name}'` };
  } else if (str.startsWith(DISCONNECTED_IPC_PREFIX)) {
    flag.path = PATH_BITS.ipc_attach;
    flag.disconnectedIpc = str.slice(DISCONNECTED_IPC_PREFIX.length);
  } else {
    return { ok: false, message: `Invalid profile flag: ${str}.` };
  }
  return { ok: true, flag };
}

/**
 * Merges `rhs` into `acc` (mutating it) as flagvals::merge does, returning the conflicts found, in
 * upstream's order (upstream stops at the first).
 */
export function mergeFlag(acc: FlagValue, rhs: FlagValue): string[] {
  const errors: string[] = [];
  if (rhs.mode !== null) {
    if (acc.mode !== null && acc.mode !== rhs.mode) {
      errors.push(`Profile flag '${acc.mode}' conflicts with '${rhs.mode}'`);
    } else {
      acc.mode = rhs.mode;
    }
  }
  acc.path |= rhs.path;
  for (const [bits, message] of PATH_CONFLICTS) if ((acc.path & bits) === bits) errors.push(message);
  if (rhs.disconnectedPath !== null) {
    if (acc.disconnectedPath === null) acc.disconnectedPath = rhs.disconnectedPath;
    else if (acc.disconnectedPath !== rhs.disconnectedPath) {
      errors.push(`Profile flag attach_disconnected set to conflicting values: '${acc.disconnectedPath}' and '${rhs.disconnectedPath}'`);
    }
  }
  if (rhs.disconnectedIpc !== null) {
    if (acc.disconnectedIpc === null) acc.disconnectedIpc = rhs.disconnectedIpc;
    else if (acc.disconnectedIpc !== rhs.disconnectedIpc) {
      errors.push(`Profile flag attach_disconnected set to conflicting values: '${acc.disconnectedIpc}' and '${rhs.disconnectedIpc}'`);
    }
  }
  if (rhs.signal) {
    if (!acc.signal) acc.signal = rhs.signal;
    else if (acc.signal !== rhs.signal) {
      errors.push(`Profile flag kill.signal set to conflicting values: '${acc.signal}' and '${rhs.signal}'`);
    }
  }
  if (rhs.error) {
    if (!acc.error) acc.error = rhs.error;
    else if (acc.error !== rhs.error) {
      errors.push(`Profile flag error set to conflicting values: '${errorName(acc.error)}' and '${errorName(rhs.error)}'`);
    }
  }
  return errors;
}
