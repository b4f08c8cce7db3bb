/**
 * Lint test helpers: a RuleTester in ESLint's shape (valid / invalid tables with messageId, line and
 * column, and the output of --fix), run in memory against the lint fixture tree's tunables and
 * abstractions mounted at /inc.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { Linter, type LintResult } from "../../src/lint/engine.js";
import type { LintRule } from "../../src/lint/rule.js";
import { memoryFs } from "../helpers.js";

const TREE = join(import.meta.dirname, "../../fixtures/lint/tree");

/** The fixture tree's tunables, abstractions and ABI, as /inc/… */
export function environment(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const dir of ["abi", "tunables", "abstractions"]) {
    for (const name of readdirSync(join(TREE, dir))) {
      const p = join(TREE, dir, name);
      if (statSync(p).isFile()) out[`/inc/${dir}/${name}`] = readFileSync(p, "utf8");
    }
  }
  return out;
}

const ENV = environment();

/** A profile file around rule lines: the first body line is line 5, and two-space indented lines start at column 3. */
export function profile(body: string, header = "profile test /usr/bin/test"): string {
  return `abi <abi/4.0>,\ninclude <tunables/global>\n\n${header} {\n${body}\n}\n`;
}

export interface LintOptions {
  /** The configuration object (defaults to no preset and nothing enabled). */
  config?: unknown;
  files?: Record<string, string>;
  path?: string;
  fix?: boolean;
}

export interface Linted {
  result: LintResult;
  diagnostics: Diagnostic[];
  linter: Linter;
}

/** Lints `text` as /work/<path> (default /work/profile) in memory; unused suppressions included. */
export function lintText(text: string, opts: LintOptions = {}): Linted {
  const path = opts.path ?? "/work/profile";
  const linter = new Linter({
    cwd: "/work",
    fs: memoryFs({ ...ENV, ...opts.files, [path]: text }),
    includeDirs: ["/inc"],
    config: opts.config ?? { extends: [] },
  });
  const result = linter.lintFile(path, { text, fix: Boolean(opts.fix) });
  const diagnostics = [...result.diagnostics, ...(linter.finish().get(path) ?? [])];
  return { result, diagnostics, linter };
}

export interface ExpectedError {
  messageId?: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export interface InvalidCase {
  name?: string;
  code: string;
  options?: Record<string, unknown>;
  files?: Record<string, string>;
  errors: ExpectedError[];
  /** The file after --fix; omitted means --fix must not change it. */
  output?: string;
}

export interface ValidCase {
  name?: string;
  code: string;
  options?: Record<string, unknown>;
  files?: Record<string, string>;
}

/** Only `rule` enabled, at error, with the given options. */
function configFor(rule: LintRule, options?: Record<string, unknown>): unknown {
  return { extends: [], rules: { [rule.meta.name]: options ? ["error", options] : "error" } };
}

export function ruleTester(rule: LintRule, cases: { valid: (string | ValidCase)[]; invalid: InvalidCase[] }): void {
  describe(`${rule.meta.code} ${rule.meta.name}`, () => {
    for (const [i, v] of cases.valid.entries()) {
      const c = typeof v === "string" ? { code: v } : v;
      it(`valid #${i + 1}${c.name ? `: ${c.name}` : ""}`, () => {
        const { diagnostics } = lintText(c.code, { config: configFor(rule, c.options), ...(c.files ? { files: c.files } : {}) });
        const own = diagnostics.filter((d) => d.code === rule.meta.code);
        expect(own.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.message}`)).toEqual([]);
      });
    }
    for (const [i, c] of cases.invalid.entries()) {
      it(`invalid #${i + 1}${c.name ? `: ${c.name}` : ""}`, () => {
        expect(c.errors.length, "an invalid case lists at least one error").toBeGreaterThan(0);
        const config = configFor(rule, c.options);
        const { diagnostics, linter } = lintText(c.code, { config, ...(c.files ? { files: c.files } : {}) });
        const own = diagnostics
          .filter((d) => d.code === rule.meta.code)
          .sort((a, b) => a.range.start.offset - b.range.start.offset);
        const got = own.map((d) => {
          const e: ExpectedError = { line: d.range.start.line, column: d.range.start.column };
          const id = linter.messageIdOf(d);
          if (id) e.messageId = id;
          return e;
        });
        const want = c.errors.map((e) => {
          const out: ExpectedError = { line: e.line, column: e.column };
          if (e.messageId) out.messageId = e.messageId;
          return out;
        });
        const comparable = got.map((g, j) => (c.errors[j]?.messageId ? g : { line: g.line, column: g.column }));
        expect(comparable).toEqual(want);
        for (const [j, e] of c.errors.entries()) {
          if (e.endLine !== undefined) expect(own[j]!.range.end.line).toBe(e.endLine);
          if (e.endColumn !== undefined) expect(own[j]!.range.end.column).toBe(e.endColumn);
        }
        for (const d of own) expect(d.message).not.toMatch(/\{\{/);
        const fixed = lintText(c.code, { config, fix: true, ...(c.files ? { files: c.files } : {}) });
        expect(fixed.result.output ?? c.code).toBe(c.output ?? c.code);
      });
    }
  });
}
