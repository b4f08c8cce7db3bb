/**
 * Small questions about rules that several lint rules ask: is it an allow rule, what does it look like as
 * written, where is its permission word.
 */
import type { Range } from "../ast/nodes.js";
import type { Fix, RelatedLocation } from "../diagnostics/diagnostic.js";
import type { ResolvedRule } from "../resolve/model.js";
import { effectivePrefix } from "./facts.js";
import { removal } from "./fixes.js";
import type { RuleContext } from "./rule.js";

export function isAllow(rule: ResolvedRule): boolean {
  return effectivePrefix(rule).mode === "allow";
}

/** A rule as written, on one line, for messages (`/foo rw`, without the trailing comma). */
export function ruleText(ctx: RuleContext, rule: ResolvedRule, max = 80): string {
  // Rules of abstractions are quoted in the messages of every profile that includes them.
  return ctx.facts.ofNode(`ruleText:${max}`, rule, () => {
    const text = ctx.source(rule.file);
    if (text === undefined) return rule.node.type;
    const raw = text.slice(rule.node.range.start.offset, rule.node.range.end.offset);
    const one = raw.replace(/#[^\n]*/g, "").replace(/\s+/g, " ").replace(/\s*,\s*$/, "").trim();
    return one.length > max ? one.slice(0, max - 1) + "…" : one;
  });
}

/** Where another rule is, as a related location for a finding. */
export function relatedRule(ctx: RuleContext, rule: ResolvedRule, what: string): RelatedLocation {
  return { file: rule.file, range: rule.node.range, message: `${what}: \`${ruleText(ctx, rule)}\`` };
}

/** A fix that deletes a redundant rule (its whole line when nothing else is on it); none without its text. */
export function ruleRemoval(ctx: RuleContext, rule: ResolvedRule, description: string): Fix | undefined {
  const text = ctx.source(rule.file);
  if (text === undefined) return undefined;
  return { description, edits: [removal(text, rule.node.range.start.offset, rule.node.range.end.offset)] };
}

/** A line number with its file when the file is not the one being linted, for messages. */
export function where(ctx: RuleContext, rule: ResolvedRule): string {
  const line = rule.node.range.start.line;
  if (rule.file === ctx.rootPath && rule.chain.length === 0) return `line ${line}`;
  return `${rule.file}:${line}`;
}

/** The range of the first `length` characters of a node. */
export function headRange(range: Range, length: number): Range {
  const start = range.start;
  return { start, end: { offset: start.offset + length, line: start.line, column: start.column + length } };
}
