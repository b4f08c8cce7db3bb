/**
 * The Prettier plugin for AppArmor profiles: `prettier --plugin aaprof/prettier` (package.json "exports"
 * maps it here). `aaprof fmt` formats through the same plugin (./plugin.ts), so the two never disagree.
 */
import { doc, util } from "prettier";
import { createPrinter, defaultOptions, languages, options, parser } from "./plugin.js";

export { languages, options, defaultOptions, ProfileSyntaxError } from "./plugin.js";

export const parsers = { aaprof: parser };
export const printers = { aaprof: createPrinter({ doc, util }) };

export default { languages, parsers, printers, options, defaultOptions };
