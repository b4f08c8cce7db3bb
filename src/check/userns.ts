/**
 * TODO: checks for this rule kind (see the notes this check is built from).
 */
import type { Check } from "./context.js";

export const usernsCheck: Check = {
  code: "AA2060",
  name: "userns-rule",
};
