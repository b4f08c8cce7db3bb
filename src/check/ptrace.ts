/**
 * TODO: checks for this rule kind (see the notes this check is built from).
 */
import type { Check } from "./context.js";

export const ptraceCheck: Check = {
  code: "AA2055",
  name: "ptrace-rule",
};
