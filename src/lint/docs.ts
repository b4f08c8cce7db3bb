/**
 * A rule's documentation as text (`aaprof explain`), as Markdown (SARIF help, README) and as a SARIF rule
 * descriptor, all from the rule's own metadata.
 */
import type { SarifRuleDescriptor } from "../diagnostics/render/sarif.js";
import { PRESET_NAMES, type LintRule } from "./rule.js";

function presetSummary(rule: LintRule): string {
  const parts = PRESET_NAMES.map((p) => {
    const e = rule.meta.presets[p];
    const sev = e === undefined ? "off" : Array.isArray(e) ? e[0] : e;
    return `${p}: ${sev}`;
  });
  return parts.join(", ");
}

export function fixableText(rule: LintRule): string {
  switch (rule.meta.fixable) {
    case "safe": return "yes (--fix keeps the granted permissions exactly the same)";
    case "suggestion": return "suggestions only (they change access, so --fix never applies them)";
    default: return "no";
  }
}

function indent(block: string, by = "    "): string {
  return block.replace(/\n+$/, "").split("\n").map((l) => (l ? by + l : l)).join("\n");
}

function wrap(text: string, width = 100, by = "  "): string {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = "";
  for (const w of words) {
    if (line && line.length + 1 + w.length > width) {
      lines.push(by + line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(by + line);
  return lines.join("\n");
}

export function explainText(rule: LintRule): string {
  const m = rule.meta;
  const d = m.docs;
  const out = [
    `${m.code} ${m.name}: ${d.summary}`,
    "",
    `  category: ${m.category}`,
    `  presets:  ${presetSummary(rule)}`,
    `  fixable:  ${fixableText(rule)}`,
  ];
  if (m.options) {
    for (const [k, o] of Object.entries(m.options)) out.push(`  option:   ${k} (${o.type}, default ${JSON.stringify(o.default)}): ${o.description}`);
  }
  out.push("", "What it does", wrap(d.what), "", "Why is this bad?", wrap(d.why), "", "Example", indent(d.bad), "", "Use instead", indent(d.good));
  if (d.exceptions) out.push("", "Exceptions", wrap(d.exceptions));
  out.push("", `Suppress one finding with: # aaprof-disable-next-line ${m.code} -- <reason>`);
  return out.join("\n") + "\n";
}

export function explainMarkdown(rule: LintRule): string {
  const m = rule.meta;
  const d = m.docs;
  const parts = [
    `## ${m.code} ${m.name}`,
    "",
    `${d.summary}. Presets: ${presetSummary(rule)}. Fixable: ${fixableText(rule)}.`,
    "",
    "### What it does", "", d.what, "",
    "### Why is this bad?", "", d.why, "",
    "### Example", "", "```apparmor", d.bad.replace(/\n+$/, ""), "```", "",
    "### Use instead", "", "```apparmor", d.good.replace(/\n+$/, ""), "```",
  ];
  if (d.exceptions) parts.push("", "### Exceptions", "", d.exceptions);
  return parts.join("\n") + "\n";
}

/** GitHub maps security-severity to critical (≥9), high (≥7), medium (≥4), low. */
function securitySeverity(rule: LintRule): number | undefined {
  if (rule.meta.category !== "security") return undefined;
  const e = rule.meta.presets.recommended;
  const sev = e === undefined ? undefined : Array.isArray(e) ? e[0] : e;
  return sev === "error" ? 8.0 : sev === "warning" ? 5.0 : 3.0;
}

export function sarifDescriptor(rule: LintRule): SarifRuleDescriptor {
  const m = rule.meta;
  const e = m.presets.recommended;
  const sev = e === undefined || e === "off" ? "none" : Array.isArray(e) ? e[0] : e;
  const desc: SarifRuleDescriptor = {
    id: m.code,
    name: m.name,
    shortDescription: m.docs.summary,
    fullDescription: m.docs.what,
    helpText: explainText(rule),
    helpMarkdown: explainMarkdown(rule),
    defaultLevel: sev,
    tags: m.category === "security" ? ["security", m.category] : [m.category],
  };
  const s = securitySeverity(rule);
  if (s !== undefined) desc.securitySeverity = s;
  return desc;
}
