/**
 * Lint configuration: `aaprof.config.json` or `.aaprofrc.json`, the nearest one found upward from each
 * linted file (no cascading: the nearest file is the whole configuration, as with ESLint's flat config).
 *
 *   {
 *     "extends": ["recommended"],                      presets, later ones override earlier ones
 *     "rules": { "AA3120": ["error", { "minRank": 9 }], "rule-no-covered": "off" },
 *     "include": ["../apparmor.d"],                    include bases, relative to the config file
 *     "ignorePatterns": ["local/", "**\/*.dpkg-old"]    gitignore-like, relative to the config file
 *   }
 *
 * Everything here reads through a FileSystem and reports problems as values: a broken config is an input
 * problem, never an exception.
 */
import { dirname, isAbsolute, join, resolve } from "node:path";
import type { Severity } from "../diagnostics/diagnostic.js";
import type { FileSystem } from "../project/workspace.js";
import { stripTrailingSlashes } from "../resolve/includes.js";
import { type Glob, Globs, literalAare } from "./globs.js";
import { PRESET_NAMES, type LintRule, type OptionSpec, type PresetName } from "./rule.js";

export const CONFIG_FILE_NAMES = ["aaprof.config.json", ".aaprofrc.json"] as const;

/** What a rule is set to: a severity and its options (defaults filled in). */
export interface RuleSetting {
  severity: Severity;
  options: Record<string, unknown>;
}

export interface ResolvedConfig {
  /** The file it was read from; null for the built-in default. */
  file: string | null;
  dir: string;
  /** Enabled rules only. */
  rules: Map<LintRule, RuleSetting>;
  /** Include bases, absolute, searched after the command line's -I. */
  include: string[];
  /** Ignore patterns in order; the last one that matches a path decides (a negated one un-ignores it). */
  ignore: IgnorePattern[];
  /** Patterns as written, for messages. */
  ignorePatterns: string[];
}

export interface IgnorePattern {
  glob: Glob;
  /** Written with a leading `!`: matching paths are linted after all. */
  negated: boolean;
}

export type ConfigResult = { ok: true; config: ResolvedConfig } | { ok: false; file: string; message: string };

/** The raw JSON shape, as validated. */
export interface ConfigFile {
  extends?: PresetName | PresetName[];
  rules?: Record<string, unknown>;
  include?: string[];
  ignorePatterns?: string[];
}

/** What configuration needs from the rule catalogue. */
export interface RuleLookup {
  find(codeOrName: string): LintRule | undefined;
  preset(name: PresetName): Map<LintRule, RuleSetting | "off">;
}

/** Parses a severity as a config may write it: "error", "warning"/"warn", "off", or ESLint's 2/1/0. */
export function parseSeverity(v: unknown): Severity | "off" | null {
  switch (v) {
    case "error": case 2: return "error";
    case "warning": case "warn": case 1: return "warning";
    case "off": case 0: return "off";
    default: return null;
  }
}

/** Validates a rule's options against its spec; returns the options with defaults, or a problem. */
export function ruleOptions(rule: LintRule, given: unknown): { ok: true; options: Record<string, unknown> } | { ok: false; message: string } {
  const specs = rule.meta.options ?? {};
  const out: Record<string, unknown> = {};
  for (const [k, spec] of Object.entries(specs)) out[k] = spec.default;
  if (given === undefined) return { ok: true, options: out };
  if (typeof given !== "object" || given === null || Array.isArray(given)) {
    return { ok: false, message: `options of ${rule.meta.name} must be an object` };
  }
  for (const [k, v] of Object.entries(given)) {
    const spec = specs[k];
    if (!spec) {
      const known = Object.keys(specs);
      return { ok: false, message: `${rule.meta.name} has no option '${k}'${known.length ? ` (it has: ${known.join(", ")})` : ""}` };
    }
    const problem = checkOption(spec, v);
    if (problem) return { ok: false, message: `${rule.meta.name}.${k} ${problem}` };
    out[k] = v;
  }
  return { ok: true, options: out };
}

function checkOption(spec: OptionSpec, v: unknown): string | null {
  switch (spec.type) {
    case "integer":
      if (typeof v !== "number" || !Number.isInteger(v)) return "must be an integer";
      if (spec.minimum !== undefined && v < spec.minimum) return `must be at least ${spec.minimum}`;
      if (spec.maximum !== undefined && v > spec.maximum) return `must be at most ${spec.maximum}`;
      return null;
    case "boolean":
      return typeof v === "boolean" ? null : "must be true or false";
    case "string-array":
      return Array.isArray(v) && v.every((x) => typeof x === "string") ? null : "must be a list of strings";
    case "string-map":
      return typeof v === "object" && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === "string")
        ? null : "must be an object of strings";
  }
}

/**
 * Builds a configuration from parsed JSON. `dir` anchors relative include bases and ignore patterns;
 * `presetOverride` replaces the file's `extends` (the --preset option).
 */
export function buildConfig(
  raw: unknown,
  file: string | null,
  dir: string,
  lookup: RuleLookup,
  presetOverride?: PresetName,
): ConfigResult {
  const fail = (message: string): ConfigResult => ({ ok: false, file: file ?? "<config>", message });
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return fail("the configuration must be a JSON object");
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!["$schema", "extends", "rules", "include", "ignorePatterns"].includes(key)) {
      return fail(`unknown key '${key}' (expected extends, rules, include, ignorePatterns)`);
    }
  }
  let presets: PresetName[] = ["recommended"];
  if (obj["extends"] !== undefined) {
    const ext = obj["extends"];
    const list = Array.isArray(ext) ? ext : [ext];
    for (const p of list) {
      if (typeof p !== "string" || !(PRESET_NAMES as readonly string[]).includes(p)) {
        return fail(`extends: unknown preset ${JSON.stringify(p)} (expected one of ${PRESET_NAMES.join(", ")})`);
      }
    }
    presets = list as PresetName[];
  }
  if (presetOverride) presets = [presetOverride];
  const rules = new Map<LintRule, RuleSetting>();
  for (const p of presets) {
    for (const [r, s] of lookup.preset(p)) {
      if (s === "off") rules.delete(r);
      else rules.set(r, s);
    }
  }

  if (obj["rules"] !== undefined) {
    const rs = obj["rules"];
    if (typeof rs !== "object" || rs === null || Array.isArray(rs)) return fail("rules must be an object");
    for (const [key, value] of Object.entries(rs)) {
      const rule = lookup.find(key);
      if (!rule) return fail(`rules: unknown rule '${key}' (see 'aaprof rules')`);
      const [sevRaw, opts] = Array.isArray(value) ? [value[0], value[1]] : [value, undefined];
      if (Array.isArray(value) && value.length > 2) return fail(`rules.${key}: expected [severity, options]`);
      const sev = parseSeverity(sevRaw);
      if (sev === null) return fail(`rules.${key}: severity must be "error", "warning" or "off"`);
      if (sev === "off") {
        rules.delete(rule);
        continue;
      }
      // Options given in the config replace the preset's; a bare severity keeps the preset's options.
      const base = rules.get(rule)?.options;
      const o = ruleOptions(rule, opts);
      if (!o.ok) return fail(`rules.${key}: ${o.message}`);
      rules.set(rule, { severity: sev, options: opts === undefined && base ? base : o.options });
    }
  }

  const include: string[] = [];
  if (obj["include"] !== undefined) {
    const inc = obj["include"];
    if (!Array.isArray(inc) || !inc.every((x) => typeof x === "string")) return fail("include must be a list of directories");
    for (const d of inc as string[]) include.push(isAbsolute(d) ? d : join(dir, d));
  }

  const ignore: IgnorePattern[] = [];
  const ignorePatterns: string[] = [];
  if (obj["ignorePatterns"] !== undefined) {
    const ig = obj["ignorePatterns"];
    if (!Array.isArray(ig) || !ig.every((x) => typeof x === "string")) return fail("ignorePatterns must be a list of strings");
    const globs = new Globs();
    for (const p of ig as string[]) {
      const negated = p.trim().startsWith("!");
      const g = ignoreGlob(negated ? p.trim().slice(1) : p, dir, globs);
      if (typeof g === "string") return fail(`ignorePatterns: ${JSON.stringify(p)}: ${g}`);
      ignore.push({ glob: g, negated });
      ignorePatterns.push(p);
    }
  }
  return { ok: true, config: { file, dir, rules, include, ignore, ignorePatterns } };
}

/**
 * An ignore pattern as an AppArmor glob over absolute paths. A pattern without a slash matches a file or
 * directory of that name at any depth below the configuration's directory (`*.dpkg-old`, `local`); any
 * other pattern is a path resolved against that directory like a file name (`vendor/`, `../shared/**`,
 * `/etc/apparmor.d/abstractions/`). A match also ignores everything below it. `*`, `**`, `?`, `[…]` and
 * `{a,b}` mean what they mean in profiles. As in .gitignore, a pattern written with a leading `!` takes
 * paths back: the last pattern that matches a path decides (`local/` then `!local/README` lints that one
 * file of local/).
 */
function ignoreGlob(pattern: string, dir: string, globs: Globs): Glob | string {
  let p = pattern.trim();
  if (p === "") return "empty pattern";
  if (p.startsWith("!")) return "a pattern may be negated once (a single leading '!')";
  p = stripTrailingSlashes(p);
  const base = literalAare(stripTrailingSlashes(dir));
  const aare = p.includes("/")
    ? `${isAbsolute(p) ? p : `${base}/${p.replace(/^\.\//, "")}`}{,/**}`
    : `${base}/{,**/}${p}{,/**}`;
  return globs.parse(aare) ?? "not a valid glob";
}

/** Is `absPath` ignored: is the last of the config's ignore patterns that matches it a plain one? */
export function isIgnored(config: ResolvedConfig, absPath: string, globs: Globs): boolean {
  for (let i = config.ignore.length - 1; i >= 0; i--) {
    const { glob, negated } = config.ignore[i]!;
    if (globs.matches(glob, absPath) === true) return !negated;
  }
  return false;
}

/**
 * Finds and reads configuration files upward from a file, one lookup per directory. Keep one per lint run.
 */
export class ConfigLoader {
  private readonly byDir = new Map<string, ConfigResult>();
  private readonly byFile = new Map<string, ConfigResult>();

  constructor(
    private readonly fs: FileSystem,
    private readonly lookup: RuleLookup,
    private readonly presetOverride?: PresetName,
  ) {}

  /** The configuration for a file (absolute path), or the built-in default when none is found. */
  forFile(absPath: string): ConfigResult {
    return this.forDir(dirname(absPath));
  }

  forDir(dir: string): ConfigResult {
    const hit = this.byDir.get(dir);
    if (hit) return hit;
    let result: ConfigResult | undefined;
    for (const name of CONFIG_FILE_NAMES) {
      const f = join(dir, name);
      if (this.fs.kind(f) === "file") {
        result = this.load(f);
        break;
      }
    }
    if (!result) {
      const parent = dirname(dir);
      result = parent === dir ? this.defaults(dir) : this.forDir(parent);
    }
    this.byDir.set(dir, result);
    return result;
  }

  /** Reads one configuration file (the --config option). */
  load(file: string): ConfigResult {
    const abs = resolve(file);
    const hit = this.byFile.get(abs);
    if (hit) return hit;
    let result: ConfigResult;
    let raw: unknown;
    try {
      raw = JSON.parse(new TextDecoder().decode(this.fs.readFile(abs)));
      result = buildConfig(raw, abs, dirname(abs), this.lookup, this.presetOverride);
    } catch (err) {
      const msg = err instanceof SyntaxError ? `not valid JSON: ${err.message}` : `cannot read: ${(err as Error).message ?? String(err)}`;
      result = { ok: false, file: abs, message: msg };
    }
    this.byFile.set(abs, result);
    return result;
  }

  /** A configuration given as an object rather than a file (tests, editors). */
  fromObject(raw: unknown, dir: string): ConfigResult {
    const key = `<object>:${dir}`;
    const hit = this.byFile.get(key);
    if (hit) return hit;
    const result = buildConfig(raw, null, dir, this.lookup, this.presetOverride);
    this.byFile.set(key, result);
    return result;
  }

  defaults(dir: string): ConfigResult {
    return buildConfig({}, null, dir, this.lookup, this.presetOverride);
  }
}

/**
 * What finding a file's configuration depended on: every place a configuration file was looked for, from the
 * file's folder up to the first one found, and that file. A cached lint result is stale when any changes.
 */
export function configDependencies(absPath: string, fs: FileSystem): { files: string[]; lookups: string[] } {
  const lookups: string[] = [];
  for (let dir = dirname(absPath); ; dir = dirname(dir)) {
    for (const name of CONFIG_FILE_NAMES) {
      const f = join(dir, name);
      lookups.push(f);
      if (fs.kind(f) === "file") return { files: [f], lookups };
    }
    if (dirname(dir) === dir) return { files: [], lookups };
  }
}
