/**
 * The labelled cases of upstream's conformance suite, read the way upstream's harness (parser/tst/simple.pl)
 * reads them: header lines are not sent to the compiler, and a DISABLED case is truncated at its marker.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export type Expect = "PASS" | "FAIL";

export interface Case {
  /** Path relative to the corpus root, as upstream runs it (`simple_tests/file/ok_1.sd`). */
  path: string;
  /** The reporting group: `simple_tests/<dir>` or `generated_<kind>`. */
  group: string;
  expect: Expect | null;
  /** TODO and DISABLED cases are run but not scored. */
  scored: boolean;
  text: string;
}

const HEADER = /^#=(DESCRIPTION|EXRESULT|TODO|DISABLED)/;

function headerInfo(source: string): { expect: Expect | null; todo: boolean; disabled: boolean; text: string } {
  let expect: Expect | null = null;
  let todo = false;
  let disabled = false;
  const kept: string[] = [];
  for (const line of source.split("\n")) {
    if (disabled) continue;
    const m = HEADER.exec(line);
    if (!m) {
      kept.push(line);
      continue;
    }
    if (m[1] === "EXRESULT") expect = /FAIL/.test(line) ? "FAIL" : "PASS";
    else if (m[1] === "TODO") todo = true;
    else if (m[1] === "DISABLED") disabled = true;
  }
  // A missing EXRESULT means PASS in simple.pl.
  return { expect: expect ?? "PASS", todo, disabled, text: kept.join("\n") };
}

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith(".")) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith(".sd")) out.push(p);
  }
}

export function loadCases(corpus: string): Case[] {
  const cases: Case[] = [];
  const simple = join(corpus, "simple_tests");
  const files: string[] = [];
  walk(simple, files);
  for (const f of files) {
    const rel = relative(corpus, f);
    const h = headerInfo(readFileSync(f, "utf8"));
    const group = rel.split("/").slice(0, 2).join("/");
    cases.push({ path: rel, group, expect: h.expect, scored: !h.todo && !h.disabled, text: h.text });
  }
  const gen = join(corpus, "generated");
  for (const name of readdirSync(gen).sort()) {
    if (!name.endsWith(".jsonl")) continue;
    const group = name.replace(/\.jsonl$/, "");
    for (const line of readFileSync(join(gen, name), "utf8").split("\n")) {
      if (!line.trim()) continue;
      const o = JSON.parse(line) as { path: string; expect: Expect | null; todo: boolean; disabled: boolean; source: string };
      const h = headerInfo(o.source);
      cases.push({
        path: join("simple_tests", o.path),
        group,
        expect: o.expect ?? h.expect,
        scored: !o.todo && !o.disabled && !h.todo && !h.disabled,
        text: h.text,
      });
    }
  }
  return cases;
}
