/**
 * TODO: checks for this rule kind (see the notes this check is built from).
 */
import type { Check } from "./context.js";

export const prefixCheck: Check = {
  code: "AA2001",
  name: "rule-prefix",
};
