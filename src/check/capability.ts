/**
 * TODO: checks for this rule kind (see the notes this check is built from).
 */
import type { Check } from "./context.js";

export const capabilityCheck: Check = {
  code: "AA2050",
  name: "capability-rule",
};
