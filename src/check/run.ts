/**
 * Runs every check over a resolved program and collects what they report.
 */
import type { Range, Word } from "../ast/nodes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Origin, Program, ResolvedProfile } from "../resolve/model.js";
import { expandWord, type Resolver } from "../resolve/resolve.js";
import type { SymbolTable } from "../resolve/variables.js";
import { allChecks } from "./registry.js";
import type { Check, CheckContext, ReportOptions } from "./context.js";

const BUILTIN_REFERENCE = /@\{(profile_name|attach_path|exec_path)\}/;

function inFragment(profile: ResolvedProfile): boolean {
  for (let p: ResolvedProfile | null = profile; p; p = p.parent) if (p.fragment) return true;
  return false;
}

export function runChecks(program: Program, resolver: Resolver, checks: readonly Check[] = allChecks): Diagnostic[] {
  const out: Diagnostic[] = [];
  let current: Check | undefined;
  // Each profile sees the preamble's variables plus its own built-ins; built once, with its expansion cache.
  const symbolsByProfile = new Map<ResolvedProfile, SymbolTable>();
  const reportedExpansion = new Set<string>();

  const ctx: CheckContext = {
    program,
    report(origin: Origin, range: Range, message: string, options: ReportOptions = {}) {
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
      if (profile && inFragment(profile) && r.undefinedVariable) return null;
      const key = `${origin.file}:${word.range.start.offset}:${r.message}`;
      if (!reportedExpansion.has(key)) {
        reportedExpansion.add(key);
        ctx.report(origin, word.range, r.message, { code: "AA2040", rule: "variable" });
      }
      return null;
    },
  };

  const visit = (profile: ResolvedProfile) => {
    for (const check of checks) {
      current = check;
      if (!profile.fragment) check.profile?.(profile, ctx);
      if (check.rule) for (const r of profile.rules) check.rule(r, profile, ctx);
    }
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
