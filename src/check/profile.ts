/**
 * TODO: checks for this rule kind (see the notes this check is built from).
 */
import type { Check } from "./context.js";

export const profileCheck: Check = {
  code: "AA2010",
  name: "profile",
};
