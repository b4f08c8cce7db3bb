/**
 * Every check the compiler front end applies, in one list. A new check is a new file in this folder plus
 * one line here.
 */
import type { Check } from "./context.js";
import { capabilityCheck } from "./capability.js";
import { changeProfileCheck } from "./change-profile.js";
import { dbusCheck } from "./dbus.js";
import { execConflictCheck } from "./exec-conflicts.js";
import { fileRuleCheck } from "./file.js";
import { ioUringCheck } from "./io-uring.js";
import { mountCheck } from "./mount.js";
import { mqueueCheck } from "./mqueue.js";
import { networkCheck } from "./network.js";
import { prefixCheck } from "./prefix.js";
import { profileCheck } from "./profile.js";
import { ptraceCheck } from "./ptrace.js";
import { rlimitCheck } from "./rlimit.js";
import { signalCheck } from "./signal.js";
import { unixCheck } from "./unix.js";
import { usernsCheck } from "./userns.js";

export const allChecks: readonly Check[] = [
  profileCheck,
  prefixCheck,
  fileRuleCheck,
  execConflictCheck,
  capabilityCheck,
  networkCheck,
  unixCheck,
  dbusCheck,
  signalCheck,
  ptraceCheck,
  mountCheck,
  mqueueCheck,
  ioUringCheck,
  usernsCheck,
  rlimitCheck,
  changeProfileCheck,
];
