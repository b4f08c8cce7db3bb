/**
 * Inline suppressions, written as comments that name what they silence and why:
 *
 *   # aaprof-disable-next-line AA3101 -- the updater rewrites the whole tree by design
 *   # aaprof-disable-line file-no-secrets -- trailing, on the rule's own line
 *   # aaprof-disable-file capability-no-dangerous, AA3331 -- anywhere in the file, for the whole file
 *
 * A directive applies to findings in the file it is written in. `next-line` skips blank and comment-only
 * lines, so several directives can be stacked above one rule.
 */
import type { Comment, Range } from "../ast/nodes.js";
import type { LintRule } from "./rule.js";

export type DirectiveKind = "next-line" | "line" | "file";

export interface DirectiveTarget {
  /** As written. */
  text: string;
  /** The rule it names, when it names one. */
  rule: LintRule | null;
  used: boolean;
  /** Stable within a run: the file and the target's ordinal in it. */
  id: string;
}

export interface Directive {
  file: string;
  kind: DirectiveKind;
  /** The comment. */
  range: Range;
  /** The line the directive silences (next-line and line); 0 for file-wide. */
  line: number;
  targets: DirectiveTarget[];
  /** The text after ` -- `, trimmed; empty when missing. */
  reason: string;
  /** Why the directive is malformed, if it is (it then silences nothing). */
  problem: string | null;
}

const DIRECTIVE = /^#\s*aaprof-(disable-next-line|disable-line|disable-file|disable|enable)\b(.*)$/s;

/**
 * The directives of one file. `lookup` finds a rule by code or name; `lines` gives each line's text so
 * that next-line can skip blank and comment-only lines.
 */
export function parseDirectives(
  file: string,
  comments: readonly Comment[],
  lines: readonly string[],
  lookup: (codeOrName: string) => LintRule | undefined,
): Directive[] {
  const out: Directive[] = [];
  let ordinal = 0;
  for (const c of comments) {
    const m = DIRECTIVE.exec(c.text.trim());
    if (!m) continue;
    const word = m[1]!;
    const rest = m[2] ?? "";
    const sep = rest.search(/(^|\s)--(\s|$)/);
    const list = sep === -1 ? rest : rest.slice(0, sep);
    const reason = sep === -1 ? "" : rest.slice(sep).replace(/^\s*--/, "").trim();
    const names = list.split(/[\s,]+/).filter(Boolean);
    const d: Directive = {
      file, kind: "file", range: c.range, line: 0, targets: [], reason, problem: null,
    };
    if (word === "disable" || word === "enable") {
      d.problem = `'aaprof-${word}' is not a directive: use aaprof-disable-next-line, aaprof-disable-line or aaprof-disable-file`;
      out.push(d);
      continue;
    }
    d.kind = word === "disable-next-line" ? "next-line" : word === "disable-line" ? "line" : "file";
    const own = c.range.start.line;
    d.line = d.kind === "line" ? own : d.kind === "next-line" ? nextCodeLine(lines, own) : 0;
    if (names.length === 0) {
      d.problem = "name the rules to silence (a code such as AA3101 or a name such as file-no-global-write)";
    }
    for (const n of names) {
      const rule = lookup(n) ?? null;
      d.targets.push({ text: n, rule, used: false, id: `${file}#${ordinal++}` });
      if (!rule && !d.problem) {
        d.problem = /^AA[0-2]\d{3}$/i.test(n)
          ? `${n} is a compiler diagnostic: it reports something apparmor_parser rejects and cannot be silenced`
          : `unknown rule '${n}'`;
      }
    }
    out.push(d);
  }
  return out;
}

/** The first line after `line` that holds something other than blanks and a comment. */
function nextCodeLine(lines: readonly string[], line: number): number {
  for (let l = line + 1; l <= lines.length; l++) {
    const t = lines[l - 1]!.trim();
    if (t === "") continue;
    // `#include` is a directive, not a comment.
    if (t.startsWith("#") && !/^#include\b/.test(t)) continue;
    return l;
  }
  return line + 1;
}

/** The target of a well-formed directive that silences a finding of `rule` on `line`, if any. */
export function suppressing(
  directives: readonly Directive[],
  rule: LintRule,
  line: number,
): DirectiveTarget | undefined {
  for (const d of directives) {
    if (d.problem) continue;
    if (d.kind !== "file" && d.line !== line) continue;
    const t = d.targets.find((x) => x.rule === rule);
    if (t) return t;
  }
  return undefined;
}
