/**
 * TODO: checks for this rule kind (see the notes this check is built from).
 */
import type { Check } from "./context.js";

export const unixCheck: Check = {
  code: "AA2052",
  name: "unix-rule",
};
