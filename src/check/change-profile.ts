/**
 * TODO: checks for this rule kind (see the notes this check is built from).
 */
import type { Check } from "./context.js";

export const changeProfileCheck: Check = {
  code: "AA2062",
  name: "change-profile-rule",
};
