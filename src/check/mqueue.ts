/**
 * TODO: checks for this rule kind (see the notes this check is built from).
 */
import type { Check } from "./context.js";

export const mqueueCheck: Check = {
  code: "AA2058",
  name: "mqueue-rule",
};
