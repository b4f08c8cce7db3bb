/**
 * TODO: checks for this rule kind (see the notes this check is built from).
 */
import type { Check } from "./context.js";

export const dbusCheck: Check = {
  code: "AA2053",
  name: "dbus-rule",
};
