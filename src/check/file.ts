/**
 * TODO: checks for this rule kind (see the notes this check is built from).
 */
import type { Check } from "./context.js";

export const fileRuleCheck: Check = {
  code: "AA2020",
  name: "file-rule",
};
