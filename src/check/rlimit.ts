/**
 * TODO: checks for this rule kind (see the notes this check is built from).
 */
import type { Check } from "./context.js";

export const rlimitCheck: Check = {
  code: "AA2061",
  name: "rlimit-rule",
};
