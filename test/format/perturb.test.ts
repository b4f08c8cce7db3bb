/**
 * The same properties on layouts nobody wrote by hand: the repository's fixtures (and a spread of the
 * reference corpus, when present) with comments, blank lines, tabs, CRLF and line breaks scattered between
 * tokens by a seeded generator. Whatever still parses must format idempotently and keep its meaning.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { checkFormatting, conformancePasses, corpusProfiles, spread, walkFiles, type Sample } from "./harness.js";

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures");

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

function perturb(text: string, rnd: () => number): string {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const out: string[] = [];
  for (const line of text.split("\n")) {
    if (rnd() < 0.08) out.push(pick(["# own line", "   # indented", "", "\t", "#aa:directive", "# aaprof-disable-next-line AA3001 -- why"]));
    const r = rnd();
    if (r < 0.1) out.push(line + pick([" # after", "\t# tabbed", "#glued"]));
    else if (r < 0.15) out.push(`  \t ${line}   `);
    else if (r < 0.3) out.push(line.replace(/ +/g, () => pick([" ", "  ", "\t", " \n ", " # inside\n ", " #x\n\n "])));
    else out.push(line);
  }
  const eol = rnd() < 0.3 ? "\r\n" : "\n";
  const joined = out.join(eol);
  // A comment needs its newline even on the last line (apparmor_parser's rule is `#.*\r?\n`): keep the
  // text's final line end, so a comment scattered onto the last line does not make the sample unparsable.
  return text.endsWith("\n") && !joined.endsWith(eol) ? joined + eol : joined;
}

const samples: Sample[] = [
  ...[...walkFiles(join(FIXTURES, "syntax")), ...walkFiles(join(FIXTURES, "format"))]
    .filter((p) => !p.endsWith(".output.aa") && !p.endsWith(".sorted.aa"))
    .map((p) => ({ name: p, text: readFileSync(p, "utf8") })),
  ...spread(corpusProfiles(), 60),
  ...spread(conformancePasses(), 200),
];

it("scattered comments, blanks and line breaks: idempotent, same meaning, same comments", async () => {
  const rnd = random(20261129);
  const failed: string[] = [];
  let checked = 0;
  for (let round = 0; round < 3; round++) {
    for (const s of samples) {
      const text = perturb(s.text, rnd);
      const o = await checkFormatting(text, s.name, rnd() < 0.5);
      if (o.kind === "unparsable") continue;
      checked++;
      if (o.kind === "refused") failed.push(`${s.name}: ${o.message}`);
      else if (!o.idempotent || !o.sameMeaning || !o.sameComments) failed.push(`${s.name}: ${o.detail}\n${text}`);
    }
  }
  expect(checked).toBeGreaterThan(samples.length);
  expect(failed).toEqual([]);
}, 120_000);
