/**
 * The three properties every formatted file must have, checked one file at a time: it formats, formatting
 * the output again changes nothing, and the output means what the input meant (same AST once positions and
 * canonicalised spellings are ignored, same comments). Shared by the vitest suites and the full-corpus script.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "../../src/ast/parse.js";
import { formatText } from "../../src/format/index.js";
import { firstDifference, meaning } from "../../src/format/meaning.js";

export type Outcome =
  | { kind: "unparsable" }
  | { kind: "refused"; message: string }
  | { kind: "checked"; output: string; idempotent: boolean; sameMeaning: boolean; sameComments: boolean; detail: string };

export async function checkFormatting(text: string, file: string, sort = false): Promise<Outcome> {
  let input = parse(text, file);
  if (input.diagnostics.length > 0 && !/\r(?!\n)/.test(text)) {
    // A CRLF file the compiler rejects (a carriage return glued to a word) is read by its LF text, as
    // formatText reads it: that reading is what the output must mean.
    input = parse(text.replace(/\r\n/g, "\n"), file);
  }
  if (input.diagnostics.length > 0) return { kind: "unparsable" };
  const first = await formatText(text, { filePath: file, sort });
  if (!first.ok) return { kind: "refused", message: first.diagnostics.map((d) => `${d.message} ${d.help ?? ""}`).join("; ") };
  const second = await formatText(first.text, { filePath: file, sort });
  const output = parse(first.text, file);
  const a = meaning(input.ast, { unordered: sort });
  const b = output.diagnostics.length === 0 ? meaning(output.ast, { unordered: sort }) : "(output does not parse)";
  const idempotent = second.ok && second.text === first.text;
  const sameMeaning = a === b;
  const sameComments = input.ast.comments.length === output.ast.comments.length;
  let detail = "";
  if (!sameMeaning) detail = firstDifference(a, b);
  else if (!idempotent) detail = second.ok ? firstDifference(first.text, second.text) : "second pass refused";
  else if (!sameComments) detail = `${input.ast.comments.length} comments became ${output.ast.comments.length}`;
  return { kind: "checked", output: first.text, idempotent, sameMeaning, sameComments, detail };
}

/** The shared reference corpus beside the checkout (from test/format, or from dist/test/format). */
function findCorpus(): string | null {
  if (process.env["AAPROF_CORPUS"]) return process.env["AAPROF_CORPUS"];
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, "shared", "corpus");
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return null;
}
const corpusRoot = findCorpus();

export function corpusDir(sub: string): string | null {
  if (!corpusRoot) return null;
  const p = join(corpusRoot, sub);
  return existsSync(p) ? p : null;
}

export function walkFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walkFiles(p, out);
    else out.push(p);
  }
  return out;
}

export interface Sample {
  name: string;
  text: string;
}

/** Every file under profiles/ of the corpus. */
export function corpusProfiles(): Sample[] {
  const dir = corpusDir("profiles");
  if (!dir) return [];
  return walkFiles(dir).map((p) => ({ name: relative(dir, p), text: readFileSync(p, "utf8") }));
}

const HEADER = /^#=(DESCRIPTION|EXRESULT|TODO|DISABLED)/;

/** The PASS-labelled conformance cases, hand-written and generated, with upstream's header lines removed. */
export function conformancePasses(): Sample[] {
  const dir = corpusDir("conformance");
  if (!dir) return [];
  const out: Sample[] = [];
  const read = (name: string, source: string) => {
    let expect = "PASS";
    let disabled = false;
    const kept: string[] = [];
    for (const line of source.split("\n")) {
      if (disabled) continue;
      const m = HEADER.exec(line);
      if (!m) kept.push(line);
      else if (m[1] === "EXRESULT") expect = /FAIL/.test(line) ? "FAIL" : "PASS";
      else if (m[1] === "DISABLED") disabled = true;
    }
    return expect === "PASS" ? { name, text: kept.join("\n") } : null;
  };
  const simple = join(dir, "simple_tests");
  if (existsSync(simple)) {
    for (const p of walkFiles(simple)) {
      if (!p.endsWith(".sd")) continue;
      const s = read(relative(dir, p), readFileSync(p, "utf8"));
      if (s) out.push(s);
    }
  }
  const gen = join(dir, "generated");
  if (existsSync(gen)) {
    for (const f of readdirSync(gen).sort()) {
      if (!f.endsWith(".jsonl")) continue;
      for (const line of readFileSync(join(gen, f), "utf8").split("\n")) {
        if (!line.trim()) continue;
        const o = JSON.parse(line) as { path: string; expect: string | null; source: string };
        if (o.expect === "FAIL") continue;
        const s = read(`generated/${o.path}`, o.source);
        if (s) out.push(s);
      }
    }
  }
  return out;
}

/** A deterministic spread of `n` items (every k-th), so the sampled run covers every directory. */
export function spread<T>(xs: readonly T[], n: number): T[] {
  if (xs.length <= n) return [...xs];
  const step = xs.length / n;
  return Array.from({ length: n }, (_, i) => xs[Math.floor(i * step)]!);
}
