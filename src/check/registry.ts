/**
 * Every check the compiler front end applies, in one list. A new check is a new file in this folder plus
 * one line here.
 */
import type { Check } from "./context.js";

export const allChecks: readonly Check[] = [];
