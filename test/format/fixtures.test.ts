/**
 * Format fixtures: fixtures/format/NAME.input.aa must format to NAME.output.aa (and, with --sort, to
 * NAME.sorted.aa when present). Each expected output is also checked to be a fixed point, to mean what the
 * input meant, and to come out the same from CRLF and byte-order-marked variants of the input.
 */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "../../src/ast/parse.js";
import { formatText } from "../../src/format/index.js";
import { meaning } from "../../src/format/meaning.js";

const DIR = join(import.meta.dirname, "..", "..", "fixtures", "format");
const names = readdirSync(DIR).filter((f) => f.endsWith(".input.aa")).map((f) => f.slice(0, -".input.aa".length)).sort();

async function format(text: string, sort = false): Promise<string> {
  const r = await formatText(text, { sort });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.message}`).join("\n"));
  return r.text;
}

function meaningOf(text: string, unordered = false): string {
  const { ast, diagnostics } = parse(text);
  expect(diagnostics).toEqual([]);
  return meaning(ast, { unordered });
}

describe.each(names)("fixture %s", (name) => {
  const input = readFileSync(join(DIR, `${name}.input.aa`), "utf8");
  const expected = readFileSync(join(DIR, `${name}.output.aa`), "utf8");
  const sortedPath = join(DIR, `${name}.sorted.aa`);

  it("formats to the expected output", async () => {
    expect(await format(input)).toBe(expected);
  });

  it("leaves the expected output unchanged (idempotent)", async () => {
    expect(await format(expected)).toBe(expected);
  });

  it("means what the input meant, comments included", () => {
    expect(meaningOf(expected)).toBe(meaningOf(input));
    expect(parse(expected).ast.comments.length).toBe(parse(input).ast.comments.length);
  });

  it("formats CRLF input to the same LF output", async () => {
    expect(await format(input.replace(/\n/g, "\r\n"))).toBe(expected);
  });

  it("drops a UTF-8 byte-order mark", async () => {
    expect(await format(`\uFEFF${input}`)).toBe(expected);
  });

  it.runIf(existsSync(sortedPath))("with --sort, formats to the sorted output, idempotently", async () => {
    const sorted = readFileSync(sortedPath, "utf8");
    expect(await format(input, true)).toBe(sorted);
    expect(await format(sorted, true)).toBe(sorted);
    expect(meaningOf(sorted, true)).toBe(meaningOf(input, true));
  });
});

describe("carriage returns that are not line ends", () => {
  it("refuses a lone CR inside a comment, which would otherwise turn the rest of the comment into a rule", async () => {
    const r = await formatText("profile p {\n  # note\r/etc/shadow rw,\n}\n");
    expect(r.ok).toBe(false);
  });

  it("refuses a CRLF inside a quoted path, which LF line ends would change", async () => {
    expect((await formatText('profile p {\n  "/a\r\nb" r,\n}\n')).ok).toBe(false);
  });

  it("refuses a lone CR where apparmor_parser would reject it", async () => {
    expect((await formatText("profile p {\r  /a r,\r}\r")).ok).toBe(false);
  });
});
