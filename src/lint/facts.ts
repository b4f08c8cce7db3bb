/**
 * What rules need to know about resolved rules beyond the AST: the prefix a rule really has (its own and
 * its qualifier blocks'), its words after variable expansion, its file permissions as a set, and its path
 * as a glob. Computed on demand and kept for one linted file (LintFacts); what depends only on a rule of
 * an included file and the variables' values is kept for the run (RunFacts), since every file of a tree
 * includes the same abstractions.
 */
import type { Condition, ConditionList, FileRule, LinkRule, Prefix, Word } from "../ast/nodes.js";
import { filterSlashes } from "../aare/glob.js";
import type { Origin, Program, ResolvedProfile, ResolvedRule } from "../resolve/model.js";
import { expandWord, type Resolver } from "../resolve/resolve.js";
import type { SymbolTable } from "../resolve/variables.js";
import { type Answer, BoundedMap, type Glob, Globs } from "./globs.js";
import { allPermissions, canonicalPermissions, type FilePerms, parsePermissions } from "./permissions.js";

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
  /**
   * What the rule grants or denies, as text (path, permissions as a set, exec mode, target): rules with the
   * same prefix and the same text are the same rule however they are written. null for invalid permissions.
   */
  grants: string | null;
}

/** A profile's file rules, for questions that compare rules with each other. */
export interface ProfileFiles {
  all: FileFacts[];
  /** Where each of `all` is in the profile's rules. */
  positions: number[];
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

/** The parts of a rule's file facts that depend only on the rule as written and the variables' values. */
type SharedFileFacts = Pick<FileFacts, "bare" | "path" | "glob" | "perms" | "target" | "grants">;

/** Variable sets remembered per run; past this, a new set gets a new id and an old one is forgotten. */
const VARIABLE_SETS_LIMIT = 1024;

/** Names the resolver gives a value per profile (Resolver.builtins): words using them are not shared. */
const PER_PROFILE = /profile_name|attach_path|exec_path/;

/** See RunFacts.prefixKey. */
export type PrefixKey = number | string;

/** Bounds of what is remembered per node: variable sets and contexts a rule is met in. */
const PER_NODE_LIMIT = 64;

/**
 * What a run remembers about one rule of an included file: the same for every profile that includes it
 * with the same variables (and, for verdicts, the same deny rules). One record per syntax node, found with
 * one lookup, for everything shared about the rule.
 */
export interface NodeRecord {
  /** The rule names a per-profile variable (Resolver.builtins): its expansions are not shared. */
  readonly perProfile: boolean;
  /** File facts by variable set (0: the rule uses no variable). */
  files?: Map<number, SharedFileFacts>;
  /** Identity texts (rule-no-duplicate's keys) by variable set and prefix (RunFacts.prefixKey). */
  keys?: Map<PrefixKey, string | null>;
  /** What rule-local visitors reported, by context and prefix (see ./verdicts.ts). */
  verdicts?: Map<PrefixKey, unknown>;
  /** Other values that depend on the node alone (its text for messages …), by kind. */
  derived?: Map<string, unknown>;
}

/**
 * Facts about the rules of included files, shared by every file of a run: every profile of a tree includes
 * the same abstractions, and their rules' paths, globs, permissions and texts would otherwise be worked
 * out again for each (as RuleCheckMemo does for compiler checks). Owned by the Linter; records go with the
 * syntax trees they are kept for.
 */
export class RunFacts {
  private readonly variableSets = new BoundedMap<string, number>(VARIABLE_SETS_LIMIT);
  private nextId = 1;
  private readonly nodes = new WeakMap<object, NodeRecord>();

  /**
   * A number standing for the values of a symbol table's variables, or -1 when some value refers to a
   * per-profile variable (its expansions differ between profiles of the same file).
   */
  variablesId(symbols: SymbolTable): number {
    const parts: string[] = [];
    for (const name of [...symbols.names()].sort()) {
      const sym = symbols.get(name)!;
      if (sym.kind === "set") {
        if (sym.values.some((v) => PER_PROFILE.test(v))) return -1;
        parts.push(`${name}=${sym.values.join("\u0001")}`);
      } else parts.push(`${name}:${sym.value}`);
    }
    const key = parts.join("\u0002");
    let id = this.variableSets.get(key);
    if (id === undefined) {
      id = this.nextId++;
      this.variableSets.set(key, id);
    }
    return id;
  }

  /** The record of a node; `text` gives the node's text when the record is new. */
  record(node: object, text: () => string | undefined): NodeRecord {
    let rec = this.nodes.get(node);
    if (!rec) {
      const t = text();
      rec = { perProfile: t === undefined || PER_PROFILE.test(t) };
      this.nodes.set(node, rec);
    }
    return rec;
  }

  /**
   * The key for a context (a small id) and an effective prefix, under which something is remembered about
   * a rule in that context: a small integer in the usual case (no priority), which maps look up fastest,
   * and a string otherwise.
   */
  prefixKey(context: number, prefix: EffectivePrefix): PrefixKey {
    const mode = prefix.mode === "allow" ? 0 : prefix.mode === "deny" ? 1 : 2;
    const owner = prefix.owner === null ? 0 : prefix.owner === "owner" ? 1 : 2;
    const code = owner * 6 + (prefix.audit ? 3 : 0) + mode;
    if (prefix.priority === null && context < 2 ** 25) return context * 18 + code;
    return `${context}|${code}|${prefix.priority ?? ""}`;
  }
}

/** `map.get(key)`, or `compute()` remembered under it; the map starts over when it holds PER_NODE_LIMIT. */
export function remembered<K, V>(map: Map<K, V>, key: K, compute: () => V): V {
  if (map.has(key)) return map.get(key)!;
  const value = compute();
  if (map.size >= PER_NODE_LIMIT) map.clear();
  map.set(key, value);
  return value;
}

/** `derive()` for `key`, kept by `kind` for the life of `store` (one linted file). */
function derivedOnce<K, T>(store: Map<string, Map<K, unknown>>, kind: string, key: K, derive: () => T): T {
  let byKey = store.get(kind);
  if (!byKey) store.set(kind, (byKey = new Map()));
  if (byKey.has(key)) return byKey.get(key) as T;
  const value = derive();
  byKey.set(key, value);
  return value;
}

export class LintFacts {
  private readonly fileFactsCache = new Map<ResolvedRule, FileFacts | null>();
  private readonly profileFilesCache = new Map<ResolvedProfile, ProfileFiles>();
  private readonly tables = new Map<ResolvedProfile | null, SymbolTable>();
  private readonly expansions = new Map<SymbolTable, Map<string, string | null>>();
  /** Values rules derive from a rule, by kind: several rules ask for the same ones. */
  private readonly derived = new Map<string, Map<ResolvedRule, unknown>>();

  constructor(
    readonly program: Program,
    private readonly resolver: Resolver,
    /** The symbols to expand with: the program's own, or for a fragment the standard tunables under them. */
    private readonly symbols: SymbolTable,
    /** Names tunables/global defines: HOME, PROC, run … */
    readonly standardVariables: ReadonlySet<string>,
    /** Glob questions and their answers, shared by the whole run. */
    readonly globs: Globs = new Globs(),
    /** Facts of included rules, shared by the whole run. */
    private readonly run: RunFacts = new RunFacts(),
    /** The text of a file of the program. */
    private readonly source: (file: string) => string | undefined = () => undefined,
  ) {}

  /** The id of this file's variable set in `run`, computed when an included rule first needs it. */
  private variablesId: number | undefined;
  private readonly denySignatures = new Map<ResolvedProfile, string>();
  private readonly ownGlobs = new Map<string, Glob | null>();
  private lastRule: ResolvedRule | null = null;
  private lastFacts: FileFacts | null = null;
  private readonly profileValues = new Map<string, Map<ResolvedProfile, unknown>>();

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
    // The visitors of one rule run one after another, and most ask for its facts.
    if (rule === this.lastRule) return this.lastFacts;
    let facts = this.fileFactsCache.get(rule);
    if (facts === undefined) {
      facts = this.computeFile(rule, profile);
      this.fileFactsCache.set(rule, facts);
    }
    this.lastRule = rule;
    this.lastFacts = facts;
    return facts;
  }

  private computeFile(rule: ResolvedRule, profile: ResolvedProfile): FileFacts | null {
    const node = rule.node;
    if (node.type !== "LinkRule" && node.type !== "FileRule") return null;
    const prefix = effectivePrefix(rule);
    // A rule of the linted file is seen once; an included one again for every file that includes it.
    const rec = this.record(rule);
    const variables = rec ? this.variablesOf(node) : -1;
    const s = variables < 0
      ? this.fileParts(node, profile, false)
      : remembered((rec!.files ??= new Map()), variables, () => this.fileParts(node, profile, true));
    return { rule, node, prefix, bare: s.bare, path: s.path, glob: s.glob, perms: s.perms, target: s.target, grants: s.grants };
  }

  /**
   * The run's record of a rule of an included file (see RunFacts), or null for a rule of the linted file
   * or one whose text names a per-profile variable.
   */
  record(rule: ResolvedRule): NodeRecord | null {
    if (!rule.chain.length) return null;
    const node = rule.node;
    const rec = this.run.record(node, () => this.source(rule.file)?.slice(node.range.start.offset, node.range.end.offset));
    return rec.perProfile ? null : rec;
  }

  /**
   * The variable set a shared rule's words expand with: 0 when they use no variable, else this file's
   * (-1 when it may differ between profiles).
   */
  private variablesOf(node: FileRule | LinkRule): number {
    const path = node.path?.value ?? "";
    const target = node.target?.value ?? "";
    if (!path.includes("@{") && !target.includes("@{")) return 0;
    if (PER_PROFILE.test(path) || PER_PROFILE.test(target)) return -1;
    return this.sharedVariablesId();
  }

  /** This file's variable set as a number (see RunFacts.variablesId); -1 when it may differ between profiles. */
  sharedVariablesId(): number {
    return (this.variablesId ??= this.run.variablesId(this.symbols));
  }

  /**
   * The profile's deny rules as text: what `denied`, `deniedGlob` and rules about denied capabilities can
   * see of them, as a set (a deny rule written twice denies nothing more). Profiles with the same signature
   * answer whether something is denied the same way.
   */
  denySignature(profile: ResolvedProfile): string {
    let sig = this.denySignatures.get(profile);
    if (sig !== undefined) return sig;
    const parts: string[] = [];
    for (const d of this.files(profile).denies) {
      const perms = `${d.perms.all ? "*" : ""}${d.perms.exec ? "x" : ""}${[...d.perms.letters].sort().join("")}`;
      parts.push(`${d.prefix.owner ?? ""}|${d.prefix.priority ?? ""}|${perms}|${d.bare ? "*" : d.glob?.source ?? "?"}`);
    }
    for (const r of profile.rules) {
      if (!r.live || r.node.type !== "CapabilityRule" || effectivePrefix(r).mode === "allow") continue;
      parts.push(`capability ${r.node.names.map((w) => w.value.toLowerCase()).join(" ") || "*"}`);
    }
    sig = JSON.stringify([...new Set(parts)].sort());
    this.denySignatures.set(profile, sig);
    return sig;
  }

  /** The parts of a rule's file facts that `shared` ones keep for the run (their globs too). */
  private fileParts(node: FileRule | LinkRule, profile: ResolvedProfile, shared: boolean): SharedFileFacts {
    const glob = (path: string | null) => (shared ? this.glob(path) : this.ownGlob(path));
    if (node.type === "LinkRule") {
      const path = this.path(node.path, profile);
      const target = this.path(node.target, profile);
      const perms: FilePerms = { letters: new Set(["l"]), exec: null, all: false, invalid: false };
      return { bare: false, path, glob: glob(path), target, perms, grants: grants(path ?? node.path.value, perms, target) };
    }
    if (node.bare || !node.path) {
      return { bare: true, path: null, glob: null, perms: allPermissions(), target: null, grants: "<all>" };
    }
    const path = this.path(node.path, profile);
    const perms = node.permissions ? parsePermissions(node.permissions.value, node.safety) : parsePermissions("");
    const target = node.target ? this.expand(node.target, profile) : null;
    return { bare: false, path, glob: glob(path), perms, target, grants: grants(path ?? node.path.value, perms, target) };
  }

  /**
   * The glob of a rule of the linted file: remembered for this file only (a rule written twice gets the
   * same glob, and its answers), so that the run's cache keeps the globs that come back in every file.
   */
  private ownGlob(aare: string | null): Glob | null {
    if (aare === null) return null;
    let g = this.ownGlobs.get(aare);
    if (g === undefined) this.ownGlobs.set(aare, (g = this.globs.parseOnce(aare)));
    return g;
  }

  /** The live file rules of a profile (its own and its includes'), split by mode. */
  files(profile: ResolvedProfile): ProfileFiles {
    let pf = this.profileFilesCache.get(profile);
    if (pf) return pf;
    const all: FileFacts[] = [];
    const positions: number[] = [];
    profile.rules.forEach((r, i) => {
      if (!r.live) return;
      const f = this.file(r, profile);
      if (f && !f.perms.invalid) {
        all.push(f);
        positions.push(i);
      }
    });
    pf = {
      all,
      positions,
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

  /**
   * A value of some `kind` that depends only on a rule's node (and the text of its file), such as its text
   * for messages: for a rule of an included file, computed once per run however many files include it.
   */
  ofNode<T>(kind: string, rule: ResolvedRule, compute: () => T): T {
    const rec = this.record(rule);
    return rec ? remembered((rec.derived ??= new Map()), kind, compute) as T : this.memo(kind, rule, compute);
  }

  /** See RunFacts.prefixKey. */
  prefixKey(context: number, prefix: EffectivePrefix): PrefixKey {
    return this.run.prefixKey(context, prefix);
  }

  /**
   * A rule's identity text as `compute` gives it (it depends on the rule's node, effective prefix and, for
   * file rules, the file's variables): for a rule of an included file, the same string for the whole run,
   * so that maps keyed by it do not hash a new string for every profile that includes the rule.
   */
  ruleKey(rule: ResolvedRule, compute: () => string | null): string | null {
    const rec = this.record(rule);
    if (!rec) return compute();
    const node = rule.node;
    const variables = node.type === "FileRule" || node.type === "LinkRule" ? this.variablesOf(node) : 0;
    if (variables < 0) return compute();
    return remembered((rec.keys ??= new Map()), this.run.prefixKey(variables, effectivePrefix(rule)), compute);
  }

  /** A value of some `kind` derived from a profile, computed once per linted file. */
  ofProfile<T>(kind: string, profile: ResolvedProfile, derive: () => T): T {
    return derivedOnce(this.profileValues, kind, profile, derive);
  }

  /**
   * A value of some `kind` derived from a rule, computed once per linted file however many rules ask for
   * it. A resolved rule belongs to one profile, so the rule alone identifies what it is derived from.
   */
  memo<T>(kind: string, rule: ResolvedRule, derive: () => T): T {
    return derivedOnce(this.derived, kind, rule, derive);
  }
}

function grants(path: string, perms: FilePerms, target: string | null): string | null {
  if (perms.invalid) return null;
  return `${path}|${canonicalPermissions(perms)}|${perms.exec?.scrub ?? ""}|${target ?? ""}`;
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
