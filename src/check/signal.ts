/**
 * TODO: checks for this rule kind (see the notes this check is built from).
 */
import type { Check } from "./context.js";

export const signalCheck: Check = {
  code: "AA2054",
  name: "signal-rule",
};
