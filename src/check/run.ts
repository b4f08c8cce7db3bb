/**
 * Runs every check over a resolved program and collects what they report.
 */
import type { Range, Word } from "../ast/nodes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Origin, Program, ResolvedProfile, ResolvedRule } from "../resolve/model.js";
import { expandWord, type Resolver } from "../resolve/resolve.js";
import type { SymbolTable } from "../resolve/variables.js";
import { allChecks } from "./registry.js";
import type { Check, CheckContext, ReportOptions } from "./context.js";

const BUILTIN_REFERENCE = /@\{(profile_name|attach_path|exec_path)\}/;

function inFragment(profile: ResolvedProfile): boolean {
  for (let p: ResolvedProfile | null = profile; p; p = p.parent) if (p.fragment) return true;
  return false;
}

interface RecordedReport {
  /** The check that reported it. */
  check: Check;
  range: Range;
  message: string;
  options: ReportOptions;
}

/**
 * What rule checks said about the rules of included files, kept for the length of a run.
 *
 * Every profile of a tree includes the same abstractions, and a rule check's verdict on one of their rules
 * depends only on the rule, the blocks around it, whether it is compiled, and the variables it expands —
 * not on which profile included it. So a verdict is computed once per (check, rule, context, variables)
 * and replayed, with the current include chain, for every other profile. Words naming a profile's
 * built-ins (@{profile_name} …) depend on the profile, so rules that expand one are never cached.
 */
export class RuleCheckMemo {
  private readonly variableSets = new Map<string, number>();
  private readonly blockKeys = new WeakMap<readonly object[], string>();
  private readonly ids = new WeakMap<object, number>();
  private nextId = 1;
  /** rule node → context (compiled? branch? blocks, variables) → everything every rule check reported. */
  private readonly verdicts = new WeakMap<object, Map<string, RecordedReport[]>>();

  /** A small number standing for one set of variable definitions. */
  variablesId(fingerprint: string): number {
    let id = this.variableSets.get(fingerprint);
    if (id === undefined) {
      id = this.variableSets.size + 1;
      this.variableSets.set(fingerprint, id);
    }
    return id;
  }

  /** A short key for a list of enclosing blocks (one list object is shared by every rule of a scope). */
  blocksKey(blocks: readonly object[]): string {
    if (blocks.length === 0) return "";
    let k = this.blockKeys.get(blocks);
    if (k === undefined) {
      k = blocks.map((b) => this.id(b)).join(",");
      this.blockKeys.set(blocks, k);
    }
    return k;
  }

  private id(o: object): number {
    let id = this.ids.get(o);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(o, id);
    }
    return id;
  }

  get(node: object, context: string): RecordedReport[] | undefined {
    return this.verdicts.get(node)?.get(context);
  }

  set(node: object, context: string, reports: RecordedReport[]): void {
    let byContext = this.verdicts.get(node);
    if (!byContext) {
      byContext = new Map();
      this.verdicts.set(node, byContext);
    }
    byContext.set(context, reports);
  }
}

/** A fingerprint of the set variables a program's rules expand with. */
function variablesKey(symbols: SymbolTable): string {
  const parts: string[] = [];
  for (const name of [...symbols.names()].sort()) {
    const s = symbols.get(name)!;
    parts.push(s.kind === "set" ? `${name}=${s.values.join("\u0001")}` : `${name}:${s.value}`);
  }
  return parts.join("\u0002");
}

export function runChecks(
  program: Program,
  resolver: Resolver,
  checks: readonly Check[] = allChecks,
  memo: RuleCheckMemo = new RuleCheckMemo(),
): Diagnostic[] {
  const out: Diagnostic[] = [];
  let current: Check | undefined;
  // Each profile sees the preamble's variables plus its own built-ins; built once, with its expansion cache.
  const symbolsByProfile = new Map<ResolvedProfile, SymbolTable>();
  const reportedExpansion = new Set<string>();
  let variables: number | undefined;
  /** While a cacheable rule check runs: what it reports, and whether it touched a profile's built-ins. */
  let recording: { reports: RecordedReport[]; origin: Origin; cacheable: boolean } | null = null;

  const ctx: CheckContext = {
    program,
    report(origin: Origin, range: Range, message: string, options: ReportOptions = {}) {
      if (recording) {
        if (origin === recording.origin && current) recording.reports.push({ check: current, range, message, options });
        else recording.cacheable = false;
      }
      const d: Diagnostic = {
        code: options.code ?? current?.code ?? "AA2000",
        rule: options.rule ?? current?.name ?? "check",
        severity: options.severity ?? "error",
        message,
        file: origin.file,
        range,
      };
      if (options.help) d.help = options.help;
      if (origin.chain.length) {
        d.related = origin.chain.map((s) => ({ file: s.file, range: s.range, message: "included from here" }));
      }
      out.push(d);
    },
    expand(word: Word, origin: Origin, profile: ResolvedProfile | null) {
      // Most words do not involve a profile's built-ins: expand those once, with the shared table and its cache.
      const direct = BUILTIN_REFERENCE.test(word.value);
      let r = direct ? null : expandWord(resolver.symbols, word);
      if (profile && (!r || (!r.ok && r.builtin))) {
        if (recording) recording.cacheable = false;
        let symbols = symbolsByProfile.get(profile);
        if (!symbols) {
          symbols = resolver.symbols.withBuiltins(resolver.builtins(profile));
          symbolsByProfile.set(profile, symbols);
        }
        r = expandWord(symbols, word);
      }
      r ??= expandWord(resolver.symbols, word);
      if (r.ok) return r.value;
      // A fragment's variables come from whatever includes it; an unknown one is not an error there.
      if (profile && inFragment(profile)) {
        if (recording) recording.cacheable = false;
        if (r.undefinedVariable) return null;
      }
      const key = `${origin.file}:${word.range.start.offset}:${r.message}`;
      if (!reportedExpansion.has(key)) {
        reportedExpansion.add(key);
        ctx.report(origin, word.range, r.message, { code: "AA2040", rule: "variable" });
      } else if (recording) {
        // Deduplicated within this file only: not a verdict to replay elsewhere.
        recording.cacheable = false;
      }
      return null;
    },
  };

  const contextKey = (r: ResolvedRule): string => {
    variables ??= memo.variablesId(variablesKey(resolver.symbols));
    return `${r.live ? 1 : 0}${r.inUntakenBranch ? 1 : 0}|${memo.blocksKey(r.blocks)}|${variables}`;
  };

  const ruleChecks = checks.filter((c) => c.rule);

  /** Every rule check on one rule; for an included rule, replayed from the memo when it was seen before. */
  const checkRule = (r: ResolvedRule, profile: ResolvedProfile) => {
    // Rules written in the checked file are seen once anyway; included ones come back for every profile.
    if (r.chain.length === 0) {
      for (const check of ruleChecks) {
        current = check;
        check.rule!(r, profile, ctx);
      }
      return;
    }
    const context = contextKey(r);
    const known = memo.get(r.node, context);
    if (known) {
      for (const rep of known) {
        if (rep.options.code === "AA2040") {
          // Variable errors are reported once per file, as when they are first found.
          const seen = `${r.file}:${rep.range.start.offset}:${rep.message}`;
          if (reportedExpansion.has(seen)) continue;
          reportedExpansion.add(seen);
        }
        current = rep.check;
        ctx.report(r, rep.range, rep.message, rep.options);
      }
      return;
    }
    const rec = { reports: [] as RecordedReport[], origin: r as Origin, cacheable: true };
    recording = rec;
    try {
      for (const check of ruleChecks) {
        current = check;
        check.rule!(r, profile, ctx);
      }
    } finally {
      recording = null;
    }
    if (rec.cacheable) memo.set(r.node, context, rec.reports);
  };

  const visit = (profile: ResolvedProfile) => {
    for (const check of checks) {
      current = check;
      if (!profile.fragment) check.profile?.(profile, ctx);
    }
    for (const r of profile.rules) checkRule(r, profile);
    for (const child of profile.children) visit(child);
  };
  for (const check of checks) {
    current = check;
    check.program?.(program, ctx);
  }
  for (const p of program.profiles) visit(p);
  current = undefined;
  return out;
}
