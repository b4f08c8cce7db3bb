/**
 * TODO: checks for this rule kind (see the notes this check is built from).
 */
import type { Check } from "./context.js";

export const ioUringCheck: Check = {
  code: "AA2059",
  name: "io-uring-rule",
};
