/**
 * Regenerates the grammar's derived artefacts: the typed CST interfaces (cst.d.ts) used by the AST
 * builder, and the railroad diagram (diagram.html). Run with `npm run grammar`.
 */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createSyntaxDiagramsCode, generateCstDts } from "chevrotain";
import { AppArmorParser } from "./parser.js";

const here = dirname(fileURLToPath(import.meta.url));
// Compiled to dist/grammar; the sources live two levels up.
const out = join(here, "..", "..", "grammar");
const productions = new AppArmorParser().getGAstProductions();
writeFileSync(join(out, "cst.d.ts"), generateCstDts(productions));
writeFileSync(join(out, "diagram.html"), createSyntaxDiagramsCode(new AppArmorParser().getSerializedGastProductions()));
console.log(`wrote ${join(out, "cst.d.ts")} and ${join(out, "diagram.html")}`);
