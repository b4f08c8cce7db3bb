/**
 * TODO: checks for this rule kind (see the notes this check is built from).
 */
import type { Check } from "./context.js";

export const execConflictCheck: Check = {
  code: "AA2021",
  name: "exec-conflict",
};
