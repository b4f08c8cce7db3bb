/**
 * The lint engine: compiles each file as `aaprof check` does (its syntax and compiler diagnostics are
 * part of the result, as ESLint reports parse errors), then runs the enabled rules over the resolved
 * profiles, applies severities, suppressions and ignore patterns, and reports each finding once per run.
 *
 * A finding inside an included abstraction is reported at its own location with the include chain, the
 * first time a linted file reaches it; later files that include the same abstraction do not repeat it.
 * Unused suppressions can only be known when the run is over: `finish()` returns them.
 */
import { resolve as resolvePath } from "node:path";
import type { Comment, Range } from "../ast/nodes.js";
import type { Diagnostic, Fix, RelatedLocation } from "../diagnostics/diagnostic.js";
import { Checker, type FileReport } from "../project/checker.js";
import { nodeFileSystem, Workspace, type FileSystem } from "../project/workspace.js";
import type { Program, ResolvedProfile, ResolvedRule } from "../resolve/model.js";
import { Resolver } from "../resolve/resolve.js";
import { SYSTEM_INCLUDE_BASE } from "../resolve/includes.js";
import type { SymbolTable } from "../resolve/variables.js";
import { catalogue, type Catalogue } from "./catalogue.js";
import { ConfigLoader, configDependencies, isIgnored, type ResolvedConfig, type RuleSetting } from "./config.js";
import { dependenciesOf, type Dependencies } from "../project/cache.js";
import { LintFacts, RunFacts } from "./facts.js";
import { applyFixes } from "./fixes.js";
import { Globs } from "./globs.js";
import type {
  LintRule, PresetName, ReportDescriptor, RootFile, RuleContext, RuleVisitor,
} from "./rule.js";
import { parseDirectives, suppressing, type Directive } from "./suppressions.js";
import { type Recorded, VerdictMemo } from "./verdicts.js";

export interface LinterOptions {
  /** Base for relative `include "…"` and for relative paths. */
  cwd: string;
  fs?: FileSystem;
  /** -I bases from the command line, searched first. */
  includeDirs?: readonly string[];
  /** Directories given as inputs: each is an include base after the config's, as for `aaprof check`. */
  inputDirs?: readonly string[];
  /** One configuration file for every linted file, instead of looking upward from each (--config). */
  configFile?: string;
  /** Replaces the configuration's presets (--preset). */
  preset?: PresetName;
  /** A configuration object used instead of any file (tests, editors). */
  config?: unknown;
  /** Directories includes must stay inside (see ResolveOptions); unset, includes may come from anywhere. */
  includeRoots?: readonly string[];
  /**
   * Each file's result stands on its own: findings an earlier file reported are still built (LintMerge then
   * drops them). Needed when results are cached, since the earlier file may come from the cache next time.
   */
  independent?: boolean;
  /** The rules to know about; the full catalogue by default. */
  catalogue?: Catalogue;
}

export interface LintResult {
  filePath: string;
  diagnostics: Diagnostic[];
  /** The run-wide de-duplication key of each diagnostic (LintMerge drops a key it has seen). */
  keys?: string[];
  /** Suppression targets (ids) this file's findings used, in any file. */
  used?: string[];
  /** This file's own suppression directives, for the unused-suppression report at the end of the run. */
  directives?: DirectiveSummary[];
  /** What the result depended on (files read, include and configuration lookups), for the cache. */
  deps?: Dependencies;
  /** The fixed text, when fixing changed the file; the caller writes it. */
  output?: string;
  /** Matched an ignore pattern: not linted. */
  ignored?: boolean;
  /** Something went wrong inside aaprof (exit status 2). */
  internalError?: boolean;
  /** The configuration could not be read (exit status 2). */
  configError?: boolean;
}

/** A directive as plain data: enough to report it unused once the whole run is known. */
export interface DirectiveSummary {
  kind: Directive["kind"];
  range: Range;
  line: number;
  problem: string | null;
  targets: { id: string; text: string; rule: string | null }[];
}

/** How many times --fix re-lints and fixes again (ESLint uses 10 as well). */
const MAX_FIX_PASSES = 10;

const SUPPRESSION = {
  reason: "suppression-require-reason",
  unused: "suppression-no-unused",
  invalid: "suppression-invalid",
} as const;

interface Handler {
  rule: LintRule;
  fn: (a: unknown, b: unknown) => void;
  /** The rule's report function, for replaying what a rule-local visitor reported before. */
  report: (desc: ReportDescriptor) => void;
}

interface Analysis {
  /** Suppression targets this analysis used. */
  used: string[];
  /** The compiled program, when the file could be read. */
  program?: Program;
  /** Compiler diagnostics (syntax, checks), unchanged. */
  compiler: Diagnostic[];
  /** Rule findings after severity, ignore patterns and suppressions, before run-wide de-duplication. */
  findings: { d: Diagnostic; rule: LintRule }[];
  /** The directives of the linted file. */
  directives: Directive[];
  internalError: boolean;
  /** A --fix pass: its findings are thrown away, so it must not mark suppressions as used. */
  forFix: boolean;
}

export class Linter {
  private workspace: Workspace;
  private readonly fs: FileSystem;
  private readonly catalogue: Catalogue;
  private readonly configs: ConfigLoader;
  private readonly globs = new Globs();
  private readonly runFacts = new RunFacts();
  private readonly verdicts = new VerdictMemo();
  /** Findings already reported in this run, by code and location. */
  private readonly seen = new Set<string>();
  /** --fix has rewritten a file in this run: its directives were read again from the new text. */
  private rewritten = false;
  /** Directives per file, parsed once per run. */
  private readonly directives = new Map<string, Directive[]>();
  /** Linted files with their directives and configuration, for the unused-suppression report. */
  private readonly linted: { path: string; directives: Directive[]; config: ResolvedConfig }[] = [];
  private readonly tunables = new Map<string, SymbolTable | null>();
  private readonly standardNames = new Map<string, ReadonlySet<string>>();
  private readonly checkers = new Map<string, Checker>();
  /** The messageId each reported diagnostic was made from, for tests and tools that match on ids. */
  private readonly messageIds = new WeakMap<Diagnostic, string>();

  constructor(private readonly options: LinterOptions) {
    this.fs = options.fs ?? nodeFileSystem;
    this.workspace = new Workspace(this.fs);
    this.catalogue = options.catalogue ?? catalogue;
    this.configs = new ConfigLoader(this.fs, this.catalogue, options.preset);
  }

  /** The configuration that applies to a file. */
  configFor(filePath: string) {
    if (this.options.config !== undefined) {
      return this.configs.fromObject(this.options.config, this.options.cwd);
    }
    if (this.options.configFile) return this.configs.load(resolvePath(this.options.cwd, this.options.configFile));
    return this.configs.forFile(this.absolute(filePath));
  }

  /** Lints one file; `text` replaces its contents (stdin). With `fix`, safe fixes are applied first. */
  lintFile(filePath: string, opts: { text?: string; fix?: boolean } = {}): LintResult {
    const cfg = this.configFor(filePath);
    if (!cfg.ok) {
      return {
        filePath, configError: true,
        diagnostics: [configDiagnostic(cfg.file, cfg.message)],
      };
    }
    const config = cfg.config;
    if (filePath !== "<stdin>" && isIgnored(config, this.absolute(filePath), this.globs)) {
      return { filePath, diagnostics: [], ignored: true };
    }
    let text = opts.text;
    let output: string | undefined;
    if (opts.fix) {
      const original = text ?? this.readText(filePath);
      if (original !== undefined) {
        let current = original;
        for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
          const a = this.analyze(filePath, current, config, true);
          const fixes: Fix[] = a.findings
            .filter((f) => f.d.fix && f.d.file === filePath && !f.d.related?.some((r) => r.message === "included from here"))
            .map((f) => f.d.fix!);
          if (fixes.length === 0) break;
          const next = applyFixes(current, fixes);
          if (next.applied === 0 || next.text === current) break;
          current = next.text;
        }
        if (current !== original) {
          output = current;
          // Files that include this one must see the new text.
          this.workspace = new Workspace(this.fs);
          this.directives.clear();
          this.rewritten = true;
        }
        text = current;
      }
    }
    const a = this.analyze(filePath, text, config, false);
    const diagnostics: Diagnostic[] = [];
    const keys: string[] = [];
    const keep = (d: Diagnostic, key: string) => {
      if (this.seen.has(key)) return;
      this.seen.add(key);
      diagnostics.push(d);
      keys.push(key);
    };
    for (const d of a.compiler) keep(d, `${d.code}|${d.file}|${d.range.start.offset}|${d.range.end.offset}|${d.message}`);
    for (const { d } of a.findings) keep(d, findingKey(d.code, d.file, d.range));
    this.linted.push({ path: filePath, directives: a.directives, config });
    const result: LintResult = {
      filePath, diagnostics, keys, used: a.used,
      directives: a.directives.map((d) => ({
        kind: d.kind, range: d.range, line: d.line, problem: d.problem,
        targets: d.targets.map((t) => ({ id: t.id, text: t.text, rule: t.rule?.meta.code ?? null })),
      })),
    };
    // Only a cached run needs to know what a result depended on.
    if (this.options.independent && a.program && text === undefined) {
      const config = this.options.configFile
        ? { files: [resolvePath(this.options.cwd, this.options.configFile)], lookups: [] }
        : configDependencies(this.absolute(filePath), this.fs);
      result.deps = dependenciesOf(a.program, config);
    }
    if (output !== undefined) result.output = output;
    if (a.internalError) result.internalError = true;
    return result;
  }

  /** The messageId a lint diagnostic of this run was reported with. */
  messageIdOf(d: Diagnostic): string | undefined {
    return this.messageIds.get(d);
  }

  /** Suppressions that silenced nothing in the whole run, by linted file. */
  finish(): Map<string, Diagnostic[]> {
    const used = new Set<string>();
    for (const { directives } of this.linted) for (const d of directives) for (const t of d.targets) if (t.used) used.add(t.id);
    // Targets in included files are marked on the directives cached for those files.
    for (const ds of this.directives.values()) for (const d of ds) for (const t of d.targets) if (t.used) used.add(t.id);
    return this.unusedSuppressions(
      this.linted.map(({ path, directives }) => ({
        path,
        directives: directives.map((d) => ({
          kind: d.kind, range: d.range, line: d.line, problem: d.problem,
          targets: d.targets.map((t) => ({ id: t.id, text: t.text, rule: t.rule?.meta.code ?? null })),
        })),
      })),
      used,
    );
  }

  /**
   * The unused-suppression report for files linted anywhere (other threads, the cache), given every target
   * the whole run used.
   */
  unusedSuppressions(linted: readonly { path: string; directives: readonly DirectiveSummary[] }[], used: ReadonlySet<string>): Map<string, Diagnostic[]> {
    const out = new Map<string, Diagnostic[]>();
    const unusedRule = this.catalogue.find(SUPPRESSION.unused)!;
    for (const { path, directives } of linted) {
      const cfg = this.configFor(path);
      if (!cfg.ok) continue;
      const config = cfg.config;
      const setting = config.rules.get(unusedRule);
      if (!setting) continue;
      const list: Diagnostic[] = [];
      for (const d of directives) {
        if (d.problem) continue;
        for (const t of d.targets) {
          const rule = t.rule ? this.catalogue.find(t.rule) : undefined;
          if (used.has(t.id) || !rule || !config.rules.has(rule)) continue;
          list.push(this.diagnostic(unusedRule, setting, {
            origin: { file: path, chain: [] }, range: d.range, messageId: "unused",
            data: { target: t.text, kind: d.kind === "file" ? "this file" : `line ${d.line}` },
          }));
        }
      }
      if (list.length) out.set(path, list);
    }
    return out;
  }

  // -------------------------------------------------------------------------------------------------------

  private absolute(p: string): string {
    return resolvePath(this.options.cwd, p);
  }

  private readText(filePath: string): string | undefined {
    const loaded = this.workspace.load(filePath);
    return loaded.ok ? loaded.text : undefined;
  }

  private includeDirs(config: ResolvedConfig): string[] {
    const dirs: string[] = [];
    const add = (d: string) => {
      if (!dirs.includes(d)) dirs.push(d);
    };
    for (const d of this.options.includeDirs ?? []) add(d);
    for (const d of config.include) add(d);
    for (const d of this.options.inputDirs ?? []) add(d);
    add(SYSTEM_INCLUDE_BASE);
    return dirs;
  }

  /**
   * Compiles and lints one file. For a --fix pass (`forFix`) nothing it finds is kept, so it parses its own
   * directives afresh and marks no suppression as used; the final analysis does both.
   */
  private analyze(filePath: string, text: string | undefined, config: ResolvedConfig, forFix: boolean): Analysis {
    const analysis: Analysis = { used: [], compiler: [], findings: [], directives: [], internalError: false, forFix };
    const includeDirs = this.includeDirs(config);
    let report: FileReport;
    try {
      report = this.checkerFor(includeDirs).checkFile(filePath, text);
    } catch (err) {
      analysis.internalError = true;
      analysis.compiler.push(internalError(filePath, err, "while compiling"));
      return analysis;
    }
    analysis.compiler.push(...report.diagnostics);
    const { program, resolver } = report;
    if (program) analysis.program = program;
    if (!program || !resolver || report.text === undefined) return analysis;
    analysis.directives = this.directivesOf(filePath, report.text, program.ast.comments, forFix);
    for (const d of analysis.directives) {
      if (d.problem) this.pushSuppressionProblem(analysis, config, d, "invalid", { problem: d.problem });
      else if (!d.reason) this.pushSuppressionProblem(analysis, config, d, "reason", {});
    }
    // As ESLint does for parse errors: rules need a whole file to reason about.
    if (report.diagnostics.some((d) => d.file === filePath && d.rule === "syntax-error")) return analysis;

    const fragment = program.profiles.some((p) => p.fragment);
    const facts = new LintFacts(
      program, resolver, resolver.symbols, this.standardVariables(includeDirs), this.globs, this.runFacts,
      (file) => (file === filePath ? report.text : this.sourceOf(file)),
    );
    const root: RootFile = { path: filePath, text: report.text, ast: program.ast, fragment, program };
    this.runRules(root, config, facts, analysis);
    return analysis;
  }

  /**
   * One compiler per set of include bases (configurations may add bases), all sharing this run's files so
   * that every abstraction is parsed once.
   */
  private checkerFor(includeDirs: string[]): Checker {
    const key = includeDirs.join("\0");
    let checker = this.checkers.get(key);
    if (!checker || checker.workspace !== this.workspace) {
      checker = new Checker({
        includeDirs, cwd: this.options.cwd, fragments: "auto", workspace: this.workspace,
        ...(this.options.includeRoots ? { includeRoots: this.options.includeRoots } : {}),
      });
      this.checkers.set(key, checker);
    }
    return checker;
  }

  private runRules(root: RootFile, config: ResolvedConfig, facts: LintFacts, analysis: Analysis): void {
    const handlers = new Map<string, Handler[]>();
    /** While a rule-local visitor runs on an included rule: what it reports, to be replayed later. */
    let recording: ReportDescriptor[] | null = null;
    let setupFailed = false;
    const source = (file: string) => (file === root.path ? root.text : this.sourceOf(file));
    for (const [rule, setting] of config.rules) {
      const report = (desc: ReportDescriptor) => this.collect(analysis, rule, setting, desc, config, root.path);
      const context: RuleContext = {
        options: setting.options,
        program: root.program,
        rootPath: root.path,
        facts,
        source,
        report: (desc) => {
          recording?.push(desc);
          report(desc);
        },
      };
      let visitor: RuleVisitor;
      try {
        visitor = rule.create(context);
      } catch (err) {
        analysis.internalError = true;
        analysis.compiler.push(internalError(root.path, err, `in lint rule ${rule.meta.name}`));
        setupFailed = true;
        continue;
      }
      for (const [key, fn] of Object.entries(visitor)) {
        if (typeof fn !== "function") continue;
        let list = handlers.get(key);
        if (!list) handlers.set(key, (list = []));
        list.push({ rule, fn: fn as Handler["fn"], report });
      }
    }
    // Called for every rule of every profile, includes' rules too: no argument arrays, no lookups of absent keys.
    const callOne = (h: Handler, a: unknown, b?: unknown) => {
      try {
        h.fn(a, b);
      } catch (err) {
        analysis.internalError = true;
        analysis.compiler.push(internalError(root.path, err, `in lint rule ${h.rule.meta.name}`));
      }
    };
    const call = (list: Handler[] | undefined, a: unknown, b?: unknown) => {
      if (list) for (const h of list) callOne(h, a, b);
    };
    // Recorded reports are lists aligned with the handlers: only when every rule could be set up are the
    // handler lists the same for every file with this configuration.
    const localTypes = new Set<string>();
    if (!setupFailed) for (const [type, list] of handlers) if (list.some((h) => h.rule.meta.local)) localTypes.add(type);
    /**
     * The visitors of an included rule, with those of rule-local rules replayed from an earlier profile in the
     * same context when there was one (see ./verdicts.ts), in the same order as running them all.
     */
    const visitIncluded = (list: Handler[], r: ResolvedRule, profile: ResolvedProfile, context: number) => {
      const verdicts = this.verdicts.verdictsOf(facts, r);
      const key = verdicts ? this.verdicts.key(facts, r, context) : 0;
      const known = verdicts?.get(key) as Recorded | null | undefined;
      if (!verdicts || known === null) {
        call(list, r, profile);
        return;
      }
      if (known) {
        for (let i = 0; i < list.length; i++) {
          const h = list[i]!;
          const reports = known[i];
          if (!reports) callOne(h, r, profile);
          else for (const desc of reports) h.report({ ...desc, origin: r });
        }
        return;
      }
      const recorded: (ReportDescriptor[] | undefined)[] = [];
      let replayable = true;
      for (const h of list) {
        if (!h.rule.meta.local) {
          recorded.push(undefined);
          callOne(h, r, profile);
          continue;
        }
        const errors = analysis.compiler.length;
        const reports: ReportDescriptor[] = [];
        recording = reports;
        try {
          callOne(h, r, profile);
        } finally {
          recording = null;
        }
        // Reports about anything but the rule itself, or a visitor that failed, are not replayed.
        if (analysis.compiler.length !== errors || reports.some((d) => d.origin !== r || d.related)) replayable = false;
        recorded.push(reports);
      }
      this.verdicts.remember(verdicts, key, replayable ? (recorded as Recorded) : null);
    };
    call(handlers.get("RootFile"), root);
    const onProfile = handlers.get("Profile");
    const onExit = handlers.get("Profile:exit");
    const visit = (profile: ResolvedProfile) => {
      if (!profile.live) return;
      call(onProfile, profile);
      let context: number | null | undefined;
      for (const r of profile.rules) {
        if (!r.live) continue;
        const list = handlers.get(r.node.type);
        if (!list) continue;
        if (r.chain.length && localTypes.has(r.node.type)) {
          if (context === undefined) context = this.verdicts.profileContext(config, facts, profile);
          if (context !== null) {
            visitIncluded(list, r, profile, context);
            continue;
          }
        }
        call(list, r, profile);
      }
      call(onExit, profile);
      for (const child of profile.children) visit(child);
    };
    for (const p of root.program.profiles) visit(p);
  }

  private collect(
    analysis: Analysis,
    rule: LintRule,
    setting: RuleSetting,
    desc: ReportDescriptor,
    config: ResolvedConfig,
    rootPath: string,
  ): void {
    // A finding an earlier file already reported is dropped by lintFile; an included abstraction's come back
    // for every profile that includes it, so skip building them. It was not suppressed then, so it is not now
    // (the directives are the same, unless --fix rewrote a file), and a --fix pass needs every finding of its
    // own file.
    if (!analysis.forFix && !this.rewritten && !this.options.independent
      && this.seen.has(findingKey(rule.meta.code, desc.origin.file, desc.range))) {
      return;
    }
    const d = this.diagnostic(rule, setting, desc);
    if (d.file !== rootPath && isIgnored(config, this.absolute(d.file), this.globs)) return;
    const directives = d.file === rootPath ? analysis.directives : this.directivesOfFile(d.file);
    const target = suppressing(directives, rule, d.range.start.line);
    if (target) {
      if (!analysis.forFix) {
        target.used = true;
        analysis.used.push(target.id);
      }
      return;
    }
    analysis.findings.push({ d, rule });
  }

  private diagnostic(rule: LintRule, setting: RuleSetting, desc: ReportDescriptor): Diagnostic {
    const template = rule.meta.messages[desc.messageId] ?? desc.messageId;
    // Built for every finding of the run: templates without placeholders are used as they are.
    const message = template.includes("{{")
      ? template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => String(desc.data?.[k] ?? `{{${k}}}`))
      : template;
    const d: Diagnostic = {
      code: rule.meta.code,
      rule: rule.meta.name,
      severity: setting.severity,
      message,
      file: desc.origin.file,
      range: desc.range,
    };
    const ruleHelp = rule.meta.help.includes("{{")
      ? rule.meta.help.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => String(desc.data?.[k] ?? ""))
      : rule.meta.help;
    const help = desc.fix && desc.fix.description.toLowerCase() === ruleHelp.toLowerCase() ? [] : [ruleHelp];
    if (desc.suggest?.length) help.unshift(`suggestion: ${desc.suggest.map((s) => s.description).join("; or ")}`);
    if (desc.fix) help.unshift(`fix (aaprof lint --fix): ${desc.fix.description}`);
    d.help = help.join("\n  = help: ");
    // The include chain first, outermost first, as every other phase reports it (renderers rely on it).
    const related: RelatedLocation[] = [
      ...desc.origin.chain.map((s) => ({ file: s.file, range: s.range, message: "included from here" })),
      ...(desc.related ?? []),
    ];
    if (related.length) d.related = related;
    if (desc.fix) d.fix = desc.fix;
    if (desc.suggest?.length) d.suggestions = desc.suggest;
    this.messageIds.set(d, desc.messageId);
    return d;
  }

  private pushSuppressionProblem(
    analysis: Analysis,
    config: ResolvedConfig,
    directive: Directive,
    which: "invalid" | "reason",
    data: Record<string, string>,
  ): void {
    const rule = this.catalogue.find(SUPPRESSION[which])!;
    const setting = config.rules.get(rule);
    if (!setting) return;
    analysis.findings.push({
      rule,
      d: this.diagnostic(rule, setting, {
        origin: { file: directive.file, chain: [] }, range: directive.range, messageId: which, data,
      }),
    });
  }

  private sourceOf(file: string): string | undefined {
    const l = this.workspace.peek(file);
    return l?.ok ? l.text : undefined;
  }

  private directivesOf(file: string, text: string, comments: readonly Comment[], fresh: boolean): Directive[] {
    if (!fresh) {
      const hit = this.directives.get(file);
      if (hit) return hit;
    }
    const lines = text.split("\n").map((l) => l.replace(/\r$/, ""));
    const ds = parseDirectives(file, comments, lines, (n) => this.catalogue.find(n));
    if (!fresh) this.directives.set(file, ds);
    return ds;
  }

  private directivesOfFile(file: string): Directive[] {
    const hit = this.directives.get(file);
    if (hit) return hit;
    const l = this.workspace.peek(file);
    if (!l?.ok) return [];
    return this.directivesOf(file, l.text, l.parsed.ast.comments, false);
  }

  private tunablesFor(includeDirs: string[]): SymbolTable | null {
    const key = includeDirs.join("\0");
    if (this.tunables.has(key)) return this.tunables.get(key)!;
    let table: SymbolTable | null = null;
    try {
      const ws = new Workspace(this.fs);
      const loaded = ws.load("<aaprof:tunables>", "include if exists <tunables/global>\n");
      if (loaded.ok) {
        const r = new Resolver(ws, { includeDirs, cwd: this.options.cwd });
        r.resolve(loaded);
        table = r.symbols;
      }
    } catch {
      table = null;
    }
    this.tunables.set(key, table);
    return table;
  }

  private standardVariables(includeDirs: string[]): ReadonlySet<string> {
    const key = includeDirs.join("\0");
    const known = this.standardNames.get(key);
    if (known) return known;
    const names = new Set(STANDARD_VARIABLES);
    const t = this.tunablesFor(includeDirs);
    if (t) for (const n of t.names()) names.add(n);
    this.standardNames.set(key, names);
    return names;
  }
}

/** Variables tunables/global defines upstream, for trees whose tunables cannot be read. */
const STANDARD_VARIABLES = [
  "HOME", "HOMEDIRS", "PROC", "run", "sys", "pid", "pids", "tid", "multiarch", "etc_ro", "etc_rw",
  "user_cache_dirs", "user_config_dirs", "user_share_dirs", "system_share_dirs", "XDG_DESKTOP_DIR",
  "XDG_DOWNLOAD_DIR", "XDG_DOCUMENTS_DIR", "XDG_MUSIC_DIR", "XDG_PICTURES_DIR", "XDG_VIDEOS_DIR",
  "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "apparmorfs", "securityfs", "flatpak_exports_root",
];

/** What identifies a finding in the run: one report per rule and place. */
function findingKey(code: string, file: string, range: Diagnostic["range"]): string {
  return `${code}|${file}|${range.start.offset}|${range.end.offset}`;
}

function configDiagnostic(file: string, message: string): Diagnostic {
  const start = { offset: 0, line: 1, column: 1 };
  return {
    code: "AA0010", rule: "config-error", severity: "error", message: `invalid configuration: ${message}`,
    file, range: { start, end: start },
  };
}

function internalError(file: string, err: unknown, where: string): Diagnostic {
  const start = { offset: 0, line: 1, column: 1 };
  const msg = err instanceof Error ? err.message : String(err);
  return {
    code: "AA9999", rule: "internal-error", severity: "error",
    message: `internal error ${where}: ${msg} (please report this with the file that caused it)`,
    file, range: { start, end: start },
  };
}
