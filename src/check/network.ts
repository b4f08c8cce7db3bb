/**
 * TODO: checks for this rule kind (see the notes this check is built from).
 */
import type { Check } from "./context.js";

export const networkCheck: Check = {
  code: "AA2051",
  name: "network-rule",
};
