/**
 * GitHub Actions workflow commands: one `::error …::` or `::warning …::` line per diagnostic, which the
 * runner turns into annotations on the pull request's changed lines.
 */
import { isAbsolute, relative, resolve } from "node:path";
import type { Diagnostic } from "../diagnostic.js";
import type { FileResult } from "./json.js";

export interface GithubOptions {
  /** Paths are written relative to this directory (the workspace checkout). */
  baseDir: string;
}

export function renderGithub(results: readonly FileResult[], options: GithubOptions): string {
  const lines: string[] = [];
  for (const r of results) for (const d of r.diagnostics) lines.push(annotation(d, options.baseDir));
  return lines.length ? lines.join("\n") + "\n" : "";
}

function annotation(d: Diagnostic, baseDir: string): string {
  const kind = d.severity === "error" ? "error" : "warning";
  const props: [string, string | number][] = [
    ["file", displayPath(d.file, baseDir)],
    ["line", d.range.start.line],
    ["col", d.range.start.column],
  ];
  if (d.range.end.line >= d.range.start.line) {
    props.push(["endLine", d.range.end.line]);
    if (d.range.end.line === d.range.start.line) props.push(["endColumn", Math.max(d.range.end.column, d.range.start.column)]);
  }
  props.push(["title", `${d.code} ${d.rule}`]);
  const chain = (d.related ?? []).filter((r) => r.message === "included from here")
    .map((r) => `included from ${displayPath(r.file, baseDir)}:${r.range.start.line}`);
  const help = d.help ? [`help: ${d.help.split("\n  = help: ")[0]}`] : [];
  const message = [d.message, ...chain, ...help].join("\n");
  return `::${kind} ${props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(",")}::${escapeData(message)}`;
}

function displayPath(file: string, baseDir: string): string {
  if (file.startsWith("<")) return file;
  const rel = relative(resolve(baseDir), resolve(baseDir, file));
  return rel.startsWith("..") || isAbsolute(rel) ? resolve(baseDir, file) : rel.split("\\").join("/");
}

/** The escaping the runner's command parser undoes (actions/toolkit `escapeData`). */
function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
