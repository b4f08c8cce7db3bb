/**
 * SARIF 2.1.0, the format GitHub code scanning (and most security dashboards) ingest: one run, the tool's
 * rules with their help text, and one result per diagnostic with its location, the include chain as
 * related locations, and safe fixes as SARIF fixes.
 *
 * Generic over the diagnostic model: a command passes the descriptors of the rules it knows; codes without
 * a descriptor (compiler diagnostics, say) get a minimal one from the diagnostic itself.
 */
import { isAbsolute, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Diagnostic, Severity } from "../diagnostic.js";
import type { FileResult } from "./json.js";

export interface SarifRuleDescriptor {
  /** The stable code, e.g. AA3101. */
  id: string;
  /** The rule's name, e.g. file-no-global-write. */
  name: string;
  shortDescription: string;
  fullDescription?: string;
  helpText?: string;
  helpMarkdown?: string;
  helpUri?: string;
  /** Severity when enabled; "none" when no default configuration enables it. */
  defaultLevel?: "error" | "warning" | "note" | "none";
  tags?: string[];
  /** 0.0–10.0; GitHub shows critical/high/medium/low from it for security rules. */
  securitySeverity?: number;
}

export interface SarifOptions {
  toolName: string;
  version: string;
  informationUri?: string;
  rules?: readonly SarifRuleDescriptor[];
  /** Paths under this directory are written relative to it (%SRCROOT%), as code scanning expects. */
  baseDir: string;
}

const SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

export function renderSarif(results: readonly FileResult[], options: SarifOptions): string {
  const descriptors: SarifRuleDescriptor[] = [...(options.rules ?? [])];
  const index = new Map<string, number>();
  descriptors.forEach((d, i) => index.set(d.id, i));
  const ruleIndex = (d: Diagnostic): number => {
    let i = index.get(d.code);
    if (i === undefined) {
      i = descriptors.length;
      descriptors.push({ id: d.code, name: d.rule, shortDescription: d.rule });
      index.set(d.code, i);
    }
    return i;
  };

  const sarifResults = results.flatMap((r) => r.diagnostics.map((d) => {
    const result: Record<string, unknown> = {
      ruleId: d.code,
      ruleIndex: ruleIndex(d),
      level: level(d.severity),
      message: { text: d.help ? `${d.message}\n${d.help.split("\n  = help: ")[0]}` : d.message },
      locations: [location(d.file, d.range, options.baseDir)],
    };
    if (d.related?.length) {
      result["relatedLocations"] = d.related.map((rel, id) => ({
        id,
        ...location(rel.file, rel.range, options.baseDir),
        message: { text: rel.message },
      }));
    }
    if (d.fix) {
      result["fixes"] = [{
        description: { text: d.fix.description },
        artifactChanges: [{
          artifactLocation: artifact(d.file, options.baseDir),
          replacements: d.fix.edits.map((e) => ({
            deletedRegion: { charOffset: e.start, charLength: e.end - e.start },
            insertedContent: { text: e.text },
          })),
        }],
      }];
    }
    return result;
  }));

  const driver: Record<string, unknown> = {
    name: options.toolName,
    version: options.version,
    semanticVersion: options.version,
    rules: descriptors.map(descriptor),
  };
  if (options.informationUri) driver["informationUri"] = options.informationUri;
  const log = {
    $schema: SCHEMA,
    version: "2.1.0",
    runs: [{
      tool: { driver },
      originalUriBaseIds: { "%SRCROOT%": { uri: pathToFileURL(resolve(options.baseDir) + "/").href } },
      columnKind: "utf16CodeUnits",
      results: sarifResults,
    }],
  };
  return JSON.stringify(log, null, 2);
}

function level(s: Severity): "error" | "warning" {
  return s === "error" ? "error" : "warning";
}

function descriptor(d: SarifRuleDescriptor): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: d.id,
    name: d.name,
    shortDescription: { text: d.shortDescription },
    fullDescription: { text: d.fullDescription ?? d.shortDescription },
  };
  if (d.helpText || d.helpMarkdown) {
    out["help"] = { text: d.helpText ?? d.fullDescription ?? d.shortDescription, ...(d.helpMarkdown ? { markdown: d.helpMarkdown } : {}) };
  }
  if (d.helpUri) out["helpUri"] = d.helpUri;
  if (d.defaultLevel) out["defaultConfiguration"] = { level: d.defaultLevel, enabled: d.defaultLevel !== "none" };
  const props: Record<string, unknown> = {};
  if (d.tags?.length) props["tags"] = d.tags;
  if (d.securitySeverity !== undefined) props["security-severity"] = d.securitySeverity.toFixed(1);
  if (Object.keys(props).length) out["properties"] = props;
  return out;
}

function artifact(file: string, baseDir: string): Record<string, string> {
  const abs = resolve(baseDir, file);
  const rel = relative(resolve(baseDir), abs);
  if (!rel.startsWith("..") && !isAbsolute(rel) && !file.startsWith("<")) {
    return { uri: rel.split(/[\\/]/).map(encodeURIComponent).join("/"), uriBaseId: "%SRCROOT%" };
  }
  if (file.startsWith("<")) return { uri: encodeURIComponent(file) };
  return { uri: pathToFileURL(abs).href };
}

function location(file: string, range: Diagnostic["range"], baseDir: string): Record<string, unknown> {
  const region: Record<string, number> = {
    startLine: range.start.line,
    startColumn: range.start.column,
    endLine: Math.max(range.end.line, range.start.line),
    endColumn: range.end.line > range.start.line ? range.end.column : Math.max(range.end.column, range.start.column),
  };
  return { physicalLocation: { artifactLocation: artifact(file, baseDir), region } };
}
