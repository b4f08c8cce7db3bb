/**
 * TODO: checks for this rule kind (see the notes this check is built from).
 */
import type { Check } from "./context.js";

export const mountCheck: Check = {
  code: "AA2056",
  name: "mount-rule",
};
