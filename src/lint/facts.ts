/**
 * What rules need to know about resolved rules beyond the AST: the prefix a rule really has (its own and
 * its qualifier blocks'), its words after variable expansion, its file permissions as a set, and its path
 * as a glob. Computed on demand and kept for one linted file.
 */
import type { Condition, ConditionList, FileRule, LinkRule, Prefix, Word } from "../ast/nodes.js";
import { filterSlashes } from "../aare/glob.js";
import type { Origin, Program, ResolvedProfile, ResolvedRule } from "../resolve/model.js";
import { expandWord, type Resolver } from "../resolve/resolve.js";
import type { SymbolTable } from "../resolve/variables.js";
import { type Answer, type Glob, Globs } from "./globs.js";
import { allPermissions, type FilePerms, parsePermissions } from "./permissions.js";

export interface EffectivePrefix {
  mode: "allow" | "deny" | "prompt";
  audit: boolean;
  owner: "owner" | "other" | null;
  priority: string | null;
}

export interface FileFacts {
  rule: ResolvedRule;
  node: FileRule | LinkRule;
  prefix: EffectivePrefix;
  /** Bare `file,`. */
  bare: boolean;
  /** The path after variable expansion and slash filtering; null for bare `file,` or when it cannot expand. */
  path: string | null;
  glob: Glob | null;
  perms: FilePerms;
  /** Exec or link target after expansion. */
  target: string | null;
}

/** A profile's file rules, for questions that compare rules with each other. */
export interface ProfileFiles {
  all: FileFacts[];
  allows: FileFacts[];
  denies: FileFacts[];
}

export function effectivePrefix(rule: ResolvedRule): EffectivePrefix {
  const out: EffectivePrefix = { mode: "allow", audit: false, owner: null, priority: null };
  const apply = (p: Prefix) => {
    if (p.mode) out.mode = p.mode;
    if (p.audit) out.audit = true;
    if (p.owner) out.owner = p.owner;
    if (p.priority) out.priority = p.priority.value;
  };
  for (const b of rule.blocks) apply(b);
  if ("prefix" in rule.node) apply(rule.node.prefix);
  return out;
}

/** A condition of a rule by name (`peer=`, `set=`, `type=` …). */
export function condition(conditions: readonly Condition[], name: string): Condition | undefined {
  return conditions.find((c) => c.name.value === name);
}

/** Access words in lower case (`(send, receive)` → ["send", "receive"]), or null for "every access". */
export function accessWords(access: { words: { value: string }[] } | null): string[] | null {
  if (!access || access.words.length === 0) return null;
  return access.words.flatMap((w) => w.value.split(/[\s,]+/)).filter(Boolean).map((w) => w.toLowerCase());
}

/** Peer restriction of an IPC rule: a `peer=` condition or a `peer=(…)` list. */
export function hasPeer(conditions: readonly Condition[], peer: ConditionList | null = null): boolean {
  return Boolean(peer?.conditions.length) || conditions.some((c) => c.name.value === "peer");
}

export class LintFacts {
  private readonly fileFactsCache = new Map<ResolvedRule, FileFacts | null>();
  private readonly profileFilesCache = new Map<ResolvedProfile, ProfileFiles>();
  private readonly tables = new Map<ResolvedProfile | null, SymbolTable>();
  private readonly expansions = new Map<SymbolTable, Map<string, string | null>>();

  constructor(
    readonly program: Program,
    private readonly resolver: Resolver,
    /** The symbols to expand with: the program's own, or for a fragment the standard tunables under them. */
    private readonly symbols: SymbolTable,
    /** Names tunables/global defines: HOME, PROC, run … */
    readonly standardVariables: ReadonlySet<string>,
    /** Glob questions and their answers, shared by the whole run. */
    readonly globs: Globs = new Globs(),
  ) {}

  prefix(rule: ResolvedRule): EffectivePrefix {
    return effectivePrefix(rule);
  }

  /**
   * A word's value after variable expansion, as the compiler expands it (`@{V}` becomes `{a,b}`), or null
   * when it cannot be expanded (the compiler reports why).
   */
  expand(word: Word, profile: ResolvedProfile | null): string | null {
    if (!word.value.includes("@{")) return word.value;
    const table = this.table(profile);
    let cache = this.expansions.get(table);
    if (!cache) {
      cache = new Map();
      this.expansions.set(table, cache);
    }
    if (cache.has(word.value)) return cache.get(word.value)!;
    const r = expandWord(table, word);
    const value = r.ok ? r.value : null;
    cache.set(word.value, value);
    return value;
  }

  /** The expansion of `@{name}` for a profile, or null when the variable is not defined. */
  variable(name: string, profile: ResolvedProfile | null): string | null {
    const raw = `@{${name}}`;
    const range = { start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } };
    return this.expand({ value: raw, raw, quoted: false, range }, profile);
  }

  private table(profile: ResolvedProfile | null): SymbolTable {
    let t = this.tables.get(profile);
    if (!t) {
      t = profile ? this.symbols.withBuiltins(this.resolver.builtins(profile)) : this.symbols;
      this.tables.set(profile, t);
    }
    return t;
  }

  /** A file path after expansion, in the form the compiler matches it (runs of slashes filtered). */
  path(word: Word, profile: ResolvedProfile | null): string | null {
    const v = this.expand(word, profile);
    return v === null ? null : filterSlashes(v);
  }

  glob(aare: string | null): Glob | null {
    return aare === null ? null : this.globs.parse(aare);
  }

  /** File facts for a file or link rule; null for other rules. */
  file(rule: ResolvedRule, profile: ResolvedProfile): FileFacts | null {
    if (this.fileFactsCache.has(rule)) return this.fileFactsCache.get(rule)!;
    const facts = this.computeFile(rule, profile);
    this.fileFactsCache.set(rule, facts);
    return facts;
  }

  private computeFile(rule: ResolvedRule, profile: ResolvedProfile): FileFacts | null {
    const node = rule.node;
    const prefix = effectivePrefix(rule);
    if (node.type === "LinkRule") {
      const path = this.path(node.path, profile);
      const target = this.path(node.target, profile);
      return {
        rule, node, prefix, bare: false, path, glob: this.glob(path), target,
        perms: { letters: new Set(["l"]), exec: null, all: false, invalid: false },
      };
    }
    if (node.type !== "FileRule") return null;
    if (node.bare || !node.path) {
      return { rule, node, prefix, bare: true, path: null, glob: null, perms: allPermissions(), target: null };
    }
    const path = this.path(node.path, profile);
    const perms = node.permissions ? parsePermissions(node.permissions.value, node.safety) : parsePermissions("");
    const target = node.target ? this.expand(node.target, profile) : null;
    return { rule, node, prefix, bare: false, path, glob: this.glob(path), perms, target };
  }

  /** The live file rules of a profile (its own and its includes'), split by mode. */
  files(profile: ResolvedProfile): ProfileFiles {
    let pf = this.profileFilesCache.get(profile);
    if (pf) return pf;
    const all: FileFacts[] = [];
    for (const r of profile.rules) {
      if (!r.live) continue;
      const f = this.file(r, profile);
      if (f && !f.perms.invalid) all.push(f);
    }
    pf = {
      all,
      allows: all.filter((f) => f.prefix.mode === "allow"),
      denies: all.filter((f) => f.prefix.mode === "deny"),
    };
    this.profileFilesCache.set(profile, pf);
    return pf;
  }

  /**
   * The deny rule of the profile that takes `letter` (or exec, with "x") away from the literal path for the
   * allow rule `allow`: an owner-conditional deny only counts against owner-conditional allows, and a deny
   * of lower priority than the allow does not override it (AppArmor 4.1 rule priorities).
   */
  denied(profile: ResolvedProfile, path: string, letter: string, allow: FileFacts | null = null): FileFacts | undefined {
    return this.files(profile).denies.find((d) => {
      if (!applies(d, letter, allow)) return false;
      if (d.bare) return true;
      return d.glob !== null && this.globs.matches(d.glob, path) === true;
    });
  }

  /** Like `denied`, for every path of a glob at once: one deny rule whose path includes all of it. */
  deniedGlob(profile: ResolvedProfile, inner: Glob, letter: string, allow: FileFacts | null = null): FileFacts | undefined {
    return this.files(profile).denies.find((d) => {
      if (!applies(d, letter, allow)) return false;
      if (d.bare) return true;
      return d.glob !== null && this.globs.includes(d.glob, inner) === true;
    });
  }

  matches(glob: Glob, path: string): Answer {
    return this.globs.matches(glob, path);
  }
}

/** Rule priority as a number; rules without one have priority 0. */
export function priorityOf(p: EffectivePrefix): number {
  const n = p.priority === null ? 0 : Number(p.priority);
  return Number.isFinite(n) ? n : 0;
}

function applies(deny: FileFacts, letter: string, allow: FileFacts | null): boolean {
  if (deny.prefix.owner === "owner" && allow?.prefix.owner !== "owner") return false;
  if (allow && priorityOf(deny.prefix) < priorityOf(allow.prefix)) return false;
  return deniesLetter(deny.perms, letter);
}

function deniesLetter(perms: FilePerms, letter: string): boolean {
  if (perms.all) return true;
  if (letter === "x") return perms.exec !== null;
  if (letter === "a") return perms.letters.has("a") || perms.letters.has("w");
  return perms.letters.has(letter as never);
}

export type { Origin };
