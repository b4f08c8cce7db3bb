/**
 * The resolve phase: follows includes, builds the symbol table from the preamble, decides `if` branches,
 * and lays out every profile with its rules (see ./model.ts for the result).
 *
 * Upstream splices included files into the token stream, so what may appear where is a property of the
 * spliced text. The parser here reads each file on its own; this phase re-applies the placement rules of
 * the bison grammar to the spliced result, so that a variable assignment that lands inside a profile, or a
 * rule that lands outside one, is an error exactly when it is upstream.
 */
import type {
  AbiRule, ConditionalBlock, IncludeDirective, Item, Prefix, Profile, Range, Word,
} from "../ast/nodes.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { FileSystem, LoadedFile, Workspace } from "../project/workspace.js";
import { ConditionEvaluator } from "./conditions.js";
import { directoryEntries, locate } from "./includes.js";
import type {
  IncludeStep, Origin, Program, ResolvedProfile, ResolvedRule, SetVariable,
} from "./model.js";
import { ExpansionError, SymbolTable, escapeProfileName } from "./variables.js";

export interface ResolveOptions {
  includeDirs: readonly string[];
  cwd: string;
  /**
   * "auto": a file of rules without a profile, or one under abstractions/, tunables/ or local/, is checked
   * as a fragment meant to be included. "never" (the default, and what apparmor_parser does): every file
   * is a complete policy file.
   */
  fragments?: "auto" | "never";
  /**
   * When set, includes and abi files must lie inside one of these directories (real paths): a profile under
   * review cannot make the checker read /etc/shadow. Unset, anything the compiler could open is read.
   */
  includeRoots?: readonly string[];
}

const FRAGMENT_DIRS = /(^|\/)(abstractions|tunables|local)\//;

/** Deep enough for any real tree; a bound so a file that includes itself inside a profile terminates. */
const MAX_INCLUDE_DEPTH = 64;

const CODES = {
  placement: ["AA1003", "misplaced-item"],
  include: ["AA2042", "include"],
  outside: ["AA2045", "include-outside-tree"],
  abi: ["AA2043", "abi"],
  variable: ["AA2040", "variable"],
  condition: ["AA2041", "condition"],
  duplicate: ["AA2012", "duplicate-profile"],
} as const;

type CodeKey = keyof typeof CODES;

/** Where an item stands, for the placement rules of the grammar. */
type Place = "preamble" | "after-profiles" | "body";

interface BodyScope {
  profile: ResolvedProfile;
  blocks: Prefix[];
  /** Parsed but not compiled: inside an untaken branch or a qualifier block. */
  live: boolean;
  inUntakenBranch: boolean;
  inBranch: boolean;
  /** Include-once cache of the enclosing profile block. */
  cache: Set<string>;
  /** Hat and child names defined in this scope (a profile body, a branch or a qualifier block), by key. */
  names: Map<string, { name: string; range: Range }>;
}

/** Variables the compiler defines per profile (upstream process_profile_variables). */
const BUILTIN_VARIABLES = new Set(["profile_name", "attach_path", "exec_path"]);

const FILE_LIKE = new Set(["FileRule", "LinkRule", "ChangeProfileRule"]);
const PREAMBLE = new Set(["VariableAssignment", "BooleanAssignment", "AliasRule", "AbiRule"]);

/**
 * A file with rules at its top level and no profile of its own is a fragment meant to be included; profiles
 * in it become child profiles of whatever includes it. A file that defines a profile is a policy file, as
 * apparmor_parser reads it: a rule beside the profile is an error there, not a sign of a fragment.
 */
function isFragment(items: Item[]): boolean {
  const rules = items.some((i) => i.type !== "Profile" && i.type !== "IncludeDirective" && !PREAMBLE.has(i.type));
  const profiles = items.some((i) => i.type === "Profile" && i.keyword !== "^" && i.keyword !== "hat");
  return (rules && !profiles) || onlyHats(items);
}

/** Hats on their own (e.g. apache2.d/) are written to be included into the profile that owns them. */
function onlyHats(items: Item[]): boolean {
  const profiles = items.filter((i): i is Profile => i.type === "Profile");
  return profiles.length > 0 && profiles.every((p) => p.keyword === "^" || p.keyword === "hat");
}

export class Resolver {
  readonly diagnostics: Diagnostic[] = [];
  readonly symbols = new SymbolTable();
  private readonly variableOrigins = new Map<string, Origin & { range: Range }>();
  private readonly booleans = new Map<string, boolean>();
  private readonly aliases: Program["aliases"] = [];
  private readonly profiles: ResolvedProfile[] = [];
  private readonly files: string[] = [];
  private seenProfile = false;
  private readonly lookedUp = new Set<string>();
  private readonly listed = new Set<string>();
  /** The workspace's file system, recording what resolution asked of it (a cached result must ask again). */
  private readonly fs: FileSystem;

  constructor(private readonly workspace: Workspace, private readonly options: ResolveOptions) {
    const inner = workspace.fs;
    this.fs = {
      ...inner,
      kind: (path) => {
        this.lookedUp.add(path);
        return inner.kind(path);
      },
      readDir: (path) => {
        this.listed.add(path);
        return inner.readDir(path);
      },
    };
  }

  resolve(root: Extract<LoadedFile, { ok: true }>): Program {
    this.files.push(root.path);
    const origin: Origin = { file: root.path, chain: [] };
    const body = root.parsed.ast.body;
    const fragment = this.options.fragments === "auto"
      && (isFragment(body) || FRAGMENT_DIRS.test(root.path));
    if (fragment) this.walkFragment(body, origin, root.parsed.ast.range);
    else this.walkTop(body, origin, new Set());
    const variables = new Map<string, SetVariable>();
    for (const name of this.symbols.names()) {
      const sym = this.symbols.get(name)!;
      const o = this.variableOrigins.get(name);
      if (sym.kind === "set" && o) variables.set(name, { name, values: sym.values, origin: o });
    }
    return {
      root: root.path,
      ast: root.parsed.ast,
      profiles: this.profiles,
      variables,
      booleans: this.booleans,
      aliases: this.aliases,
      files: this.files,
      lookups: { paths: [...this.lookedUp], dirs: [...this.listed] },
      diagnostics: this.diagnostics,
    };
  }

  report(key: CodeKey, origin: Origin, range: Range, message: string, help?: string): void {
    const [code, rule] = CODES[key];
    const d: Diagnostic = { code, rule, severity: "error", message, file: origin.file, range };
    if (help) d.help = help;
    if (origin.chain.length) {
      d.related = origin.chain.map((s) => ({ file: s.file, range: s.range, message: `included from here` }));
    }
    this.diagnostics.push(d);
  }

  // -------------------------------------------------------------------------------------------------------
  // Top level

  private walkTop(items: Item[], origin: Origin, cache: Set<string>): void {
    for (const item of items) {
      const place: Place = this.seenProfile ? "after-profiles" : "preamble";
      switch (item.type) {
        case "IncludeDirective":
          this.include(item, origin, cache, (file, o) => this.walkTop(file.parsed.ast.body, o, cache));
          break;
        case "VariableAssignment":
        case "BooleanAssignment":
        case "AliasRule":
        case "AbiRule":
          if (place === "after-profiles") {
            this.misplaced(item, origin, "must come before the first profile");
            break;
          }
          this.preambleItem(item, origin, cache);
          break;
        case "Profile":
          this.seenProfile = true;
          this.profiles.push(this.profile(item, origin, null, true, false));
          break;
        default:
          this.misplaced(item, origin, "is only allowed inside a profile");
      }
    }
  }

  /**
   * A file of rules meant to be included (an abstraction, a local/ override): its rules are checked as the
   * body of a stand-in profile, its preamble items as a preamble.
   */
  private walkFragment(items: Item[], origin: Origin, range: Range): void {
    const node: Profile = {
      type: "Profile", keyword: "profile",
      name: { value: "fragment", raw: "fragment", quoted: false, range },
      attachment: null, xattrs: null, identities: [], flags: null, body: items, bodyRange: range, range,
    };
    const prof: ResolvedProfile = {
      node, parent: null, name: "fragment", rules: [], children: [], live: true, fragment: true,
      file: origin.file, chain: origin.chain,
    };
    const cache = new Set<string>();
    const scope: BodyScope = {
      profile: prof, blocks: [], live: true, inUntakenBranch: false, inBranch: false, cache, names: new Map(),
    };
    const walk = (list: Item[], o: Origin): void => {
      for (const item of list) {
        if (item.type === "IncludeDirective") this.include(item, o, cache, (f, io) => walk(f.parsed.ast.body, io));
        else if (PREAMBLE.has(item.type)) this.preambleItem(item, o, cache);
        else this.walkBody([item], o, scope);
      }
    };
    // A fragment uses the variables of whatever includes it; the tree's global tunables are the best guess.
    const tunables: IncludeDirective = {
      type: "IncludeDirective", path: "tunables/global", kind: "magic", ifExists: true, legacy: false,
      pathRange: range, range,
    };
    if (isFragment(items)) this.include(tunables, origin, new Set(), (f, io) => walk(f.parsed.ast.body, io));
    walk(items, origin);
    this.profiles.push(prof);
  }

  private misplaced(item: Item, origin: Origin, where: string): void {
    const what = ITEM_NOUN[item.type] ?? "this";
    this.report("placement", origin, item.range, `${what} ${where}`);
  }

  private preambleItem(item: Item, origin: Origin, cache: Set<string>): void {
    switch (item.type) {
      case "VariableAssignment": {
        const name = item.name;
        const existing = this.symbols.get(name);
        const values = item.values.map((v) => v.value);
        const at = { ...origin, range: item.range };
        switch (item.operator) {
          case "=":
            if (existing) {
              this.report("variable", origin, item.nameRange, `variable ${item.rawName} was previously declared`);
              break;
            }
            this.symbols.set(name, { kind: "set", values });
            this.variableOrigins.set(name, at);
            break;
          case "?=":
            if (!existing) {
              this.symbols.set(name, { kind: "set", values });
              this.variableOrigins.set(name, at);
            }
            break;
          case ":=":
            this.symbols.set(name, { kind: "set", values });
            this.variableOrigins.set(name, at);
            break;
          case "+=":
            if (!existing || existing.kind !== "set") {
              this.report("variable", origin, item.nameRange,
                `variable ${item.rawName} was not previously declared, but is being assigned additional values`);
              break;
            }
            this.symbols.set(name, { kind: "set", values: [...existing.values, ...values] });
            break;
        }
        break;
      }
      case "BooleanAssignment": {
        const ev = new ConditionEvaluator(this.symbols);
        const value = ev.evaluate(item.value);
        for (const e of ev.errors) this.report("condition", origin, e.range, e.message);
        if (item.operator === "+=") {
          this.report("variable", origin, item.range, "Invalid assignment += not allowed with boolean variables");
          break;
        }
        const existing = this.symbols.get(item.name);
        if (item.operator === "=" && existing) {
          this.report("variable", origin, item.nameRange, `variable ${item.rawName} was previously declared`);
          break;
        }
        if (item.operator === "?=" && existing) break;
        this.symbols.set(item.name, { kind: "boolean", value });
        this.booleans.set(item.name, value);
        break;
      }
      case "AliasRule":
        this.aliases.push({ node: item, origin });
        break;
      case "AbiRule":
        this.abi(item, origin, cache);
        break;
      default:
        break;
    }
  }

  private outsideRoots(path: string): boolean {
    const roots = this.options.includeRoots;
    if (!roots) return false;
    const real = this.workspace.fs.realpath?.(path) ?? path;
    return !roots.some((r) => real === r || real.startsWith(r.endsWith("/") ? r : `${r}/`));
  }

  private reportOutside(origin: Origin, range: Range, path: string): void {
    this.report("outside", origin, range,
      `'${path}' is outside the include bases and the checked tree; it was not read`,
      "pass --allow-outside-includes to read includes from anywhere, as apparmor_parser does");
  }

  private abi(item: AbiRule, origin: Origin, cache: Set<string>): void {
    const name = item.path.value;
    if (item.magic && (name === "kernel" || name === "default")) return;
    const target = locate(this.fs, name, item.magic, this.options.includeDirs, this.options.cwd);
    if (target.kind !== "missing" && this.outsideRoots(target.path)) {
      this.reportOutside(origin, item.path.range, name);
      return;
    }
    if (target.kind === "missing") {
      this.report("abi", origin, item.path.range, `Could not open '${name}': No such file or directory`);
    } else if (target.kind !== "file") {
      if (target.kind === "dir" || target.kind === "unreadable") {
        if (item.magic && cache.has(target.key)) return;
        this.report("abi", origin, item.path.range, `failed to find features abi '${name}': not a regular file`);
      }
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // Includes

  private include(
    item: IncludeDirective,
    origin: Origin,
    cache: Set<string>,
    walk: (file: Extract<LoadedFile, { ok: true }>, origin: Origin) => void,
  ): void {
    const magic = item.kind === "magic";
    if (!magic && cache.has(item.path)) return;
    const target = locate(this.fs, item.path, magic, this.options.includeDirs, this.options.cwd);
    if (target.kind === "missing") {
      if (!item.ifExists) this.report("include", origin, item.pathRange, `Could not open '${item.path}'`);
      return;
    }
    if (cache.has(target.key)) return;
    if (target.kind === "unreadable") {
      this.report("include", origin, item.pathRange,
        `Could not open '${item.path}': not a regular file or directory (a device, a socket, a symbolic link loop, or no permission)`);
      return;
    }
    if (this.outsideRoots(target.path)) {
      this.reportOutside(origin, item.pathRange, item.path);
      return;
    }
    cache.add(target.key);
    if (origin.chain.length >= MAX_INCLUDE_DEPTH) {
      this.report("include", origin, item.pathRange, tooDeep(origin));
      return;
    }
    const entries = target.kind === "dir" ? directoryEntries(this.fs, target.path) : [target];
    for (const entry of entries) {
      if (target.kind === "dir") {
        if (cache.has(entry.key)) continue;
        cache.add(entry.key);
        // A symbolic link in an included directory can point anywhere.
        if (this.outsideRoots(entry.path)) {
          this.reportOutside(origin, item.pathRange, entry.path);
          continue;
        }
      }
      const loaded = this.workspace.load(entry.path);
      if (!this.files.includes(entry.path)) this.files.push(entry.path);
      const step: IncludeStep = { file: origin.file, range: item.pathRange, target: entry.path };
      const inner: Origin = { file: entry.path, chain: [...origin.chain, step] };
      if (!loaded.ok) {
        const d = loaded.diagnostic;
        this.report("include", origin, item.pathRange, `Could not open '${item.path}': ${d.message}`);
        continue;
      }
      for (const d of loaded.parsed.diagnostics) {
        this.diagnostics.push({
          ...d,
          related: inner.chain.map((s) => ({ file: s.file, range: s.range, message: "included from here" })),
        });
      }
      walk(loaded, inner);
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // Profiles

  private profile(
    node: Profile,
    origin: Origin,
    parent: ResolvedProfile | null,
    live: boolean,
    inUntakenBranch: boolean,
  ): ResolvedProfile {
    const prof: ResolvedProfile = {
      node, parent, name: node.name.value, rules: [], children: [], live, file: origin.file, chain: origin.chain,
    };
    const scope: BodyScope = {
      profile: prof, blocks: [], live, inUntakenBranch, inBranch: false, cache: new Set(), names: new Map(),
    };
    this.walkBody(node.body, origin, scope);
    return prof;
  }

  private walkBody(items: Item[], origin: Origin, scope: BodyScope): void {
    for (const item of items) {
      switch (item.type) {
        case "IncludeDirective":
          this.include(item, origin, scope.cache, (file, o) => this.walkBody(file.parsed.ast.body, o, scope));
          break;
        case "AbiRule":
          this.abi(item, origin, scope.cache);
          break;
        case "VariableAssignment":
        case "BooleanAssignment":
        case "AliasRule":
          this.misplaced(item, origin, "is only allowed before the first profile, not inside a profile");
          break;
        case "Profile":
          this.childProfile(item, origin, scope);
          break;
        case "ConditionalBlock":
          this.conditional(item, origin, scope);
          break;
        case "RuleBlock": {
          const inner: BodyScope = {
            ...scope, blocks: [...scope.blocks, item.prefix], names: new Map(),
          };
          this.walkBody(item.body, origin, inner);
          break;
        }
        case "RlimitRule":
          // rlimits inside if-branches and qualifier blocks are not merged into the profile upstream.
          this.addRule(item, origin, scope, scope.live && !scope.inBranch && scope.blocks.length === 0);
          break;
        default:
          this.addRule(item, origin, scope, scope.live && (scope.blocks.length === 0 || FILE_LIKE.has(item.type)));
      }
    }
  }

  private addRule(node: ResolvedRule["node"], origin: Origin, scope: BodyScope, live: boolean): void {
    scope.profile.rules.push({
      node, file: origin.file, chain: origin.chain, blocks: scope.blocks, live, inUntakenBranch: scope.inUntakenBranch,
    });
  }

  private childProfile(item: Profile, origin: Origin, scope: BodyScope): void {
    if (item.keyword === null) {
      this.report("placement", origin, item.name.range,
        "a profile inside a profile needs the 'profile' or 'hat' keyword (or '^' for a hat)");
      return;
    }
    const key = profileKey(item.name.value);
    const previous = scope.names.get(key);
    if (previous) {
      this.report("duplicate", origin, item.name.range,
        `Multiple definitions for ${item.keyword === "profile" ? "profile" : "hat"} ${key} in profile ${scope.profile.node.name.value} exist`);
    } else {
      scope.names.set(key, { name: item.name.value, range: item.name.range });
    }
    // Children inside qualifier blocks are parsed and then dropped.
    const live = scope.live && scope.blocks.length === 0;
    scope.profile.children.push(this.profile(item, origin, scope.profile, live, scope.inUntakenBranch));
  }

  private conditional(item: ConditionalBlock, origin: Origin, scope: BodyScope): void {
    let taken = -1;
    item.branches.forEach((branch, i) => {
      if (branch.condition) {
        const ev = new ConditionEvaluator(this.symbols);
        const v = ev.evaluate(branch.condition);
        for (const e of ev.errors) this.report("condition", origin, e.range, e.message);
        if (v && taken === -1) taken = i;
      } else if (taken === -1) {
        taken = i;
      }
    });
    item.branches.forEach((branch, i) => {
      const isTaken = i === taken;
      const inner: BodyScope = {
        ...scope,
        // Upstream discards an untaken branch before enclosing blocks apply their prefix to its rules.
        blocks: isTaken ? scope.blocks : [],
        live: scope.live && isTaken,
        inUntakenBranch: scope.inUntakenBranch || !isTaken,
        inBranch: true,
        names: new Map(),
      };
      this.walkBody(branch.body, origin, inner);
      if (isTaken) {
        // The taken branch is merged into the enclosing body: its hats can collide with the body's.
        for (const [key, entry] of inner.names) {
          if (scope.names.has(key)) {
            this.report("duplicate", origin, entry.range,
              `Multiple definitions for hat ${entry.name} in profile ${scope.profile.node.name.value} exist`);
          } else {
            scope.names.set(key, entry);
          }
        }
      }
    });
  }

  // -------------------------------------------------------------------------------------------------------
  // Expansion, for the checks

  /**
   * Built-in variables of one profile (upstream process_profile_variables): the attachment is expanded
   * first, with the user's variables, and only then becomes @{attach_path} and @{exec_path}.
   */
  builtins(profile: ResolvedProfile): Map<string, string[]> {
    const m = new Map<string, string[]>();
    m.set("profile_name", [hierarchicalName(profile)]);
    const written = profile.node.attachment ?? (profile.node.name.value.startsWith("/") ? profile.node.name : null);
    if (written) {
      const expanded = expandWord(this.symbols, written);
      if (expanded.ok) {
        m.set("attach_path", [expanded.value]);
        m.set("exec_path", [expanded.value]);
      }
    }
    return m;
  }
}

/**
 * Upstream's include cache stops a file from including itself within one profile block; a file that
 * includes itself inside a new profile block recurses until the depth limit. Name the loop if there is one.
 */
function tooDeep(origin: Origin): string {
  const files = [...origin.chain.map((s) => s.file), origin.file];
  const last = files[files.length - 1]!;
  // The shortest loop: from the previous time the last file was included.
  const previous = files.lastIndexOf(last, files.length - 2);
  const loop = previous >= 0 ? files.slice(previous) : files.slice(-4);
  return `includes are nested more than ${MAX_INCLUDE_DEPTH} deep: include cycle ${loop.join(" -> ")}`;
}

/** Names compare by namespace and name: `:ns:name` and `:ns://name` are the same profile. */
function profileKey(name: string): string {
  const split = splitNamespace(name);
  return split ? `${split.ns}\u0000${split.name}` : name;
}

/**
 * The value of @{profile_name} (process_profile_variables): the profile's hname (its name without a
 * namespace, after its parents' with `//`), with the characters a glob would read escaped (escape_re).
 */
function hierarchicalName(p: ResolvedProfile): string {
  const parts: string[] = [];
  for (let q: ResolvedProfile | null = p; q; q = q.parent) {
    const name = q.node.name.value;
    parts.unshift(splitNamespace(name)?.name ?? name);
  }
  return escapeProfileName(parts.join("//"));
}

/** `:ns:name` and `:ns://name` name `name` in namespace `ns`; null for a name without a (closed) namespace. */
function splitNamespace(name: string): { ns: string; name: string } | null {
  if (!name.startsWith(":")) return null;
  const end = name.indexOf(":", 1);
  if (end === -1) return null;
  const rest = name.slice(end + 1);
  return { ns: name.slice(1, end), name: rest.startsWith("//") ? rest.slice(2) : rest };
}

const ITEM_NOUN: Partial<Record<Item["type"], string>> = {
  VariableAssignment: "a variable assignment",
  BooleanAssignment: "a boolean assignment",
  AliasRule: "an alias rule",
  AbiRule: "an abi rule",
  ConditionalBlock: "an 'if' block",
  RuleBlock: "a rule block",
  RlimitRule: "a 'set rlimit' rule",
  FileRule: "a file rule",
  LinkRule: "a link rule",
  CapabilityRule: "a capability rule",
  NetworkRule: "a network rule",
  UnixRule: "a unix rule",
  DbusRule: "a dbus rule",
  SignalRule: "a signal rule",
  PtraceRule: "a ptrace rule",
  UsernsRule: "a userns rule",
  MqueueRule: "an mqueue rule",
  IoUringRule: "an io_uring rule",
  AllRule: "an 'all' rule",
  MountRule: "a mount rule",
  RemountRule: "a remount rule",
  UmountRule: "an umount rule",
  PivotRootRule: "a pivot_root rule",
  ChangeProfileRule: "a change_profile rule",
};

/** Expands a word's variables with a symbol table (one with a profile's built-ins, for rules). */
export function expandWord(
  symbols: SymbolTable,
  word: Word,
): { ok: true; value: string } | { ok: false; message: string; undefinedVariable: boolean; builtin: boolean } {
  if (!word.value.includes("@{")) return { ok: true, value: word.value };
  try {
    return { ok: true, value: symbols.expand(word.value) };
  } catch (err) {
    const message = err instanceof ExpansionError ? err.message : String(err);
    const variable = err instanceof ExpansionError ? err.variable : undefined;
    return {
      ok: false, message, undefinedVariable: message.startsWith("Failed to find declaration"),
      builtin: variable !== undefined && BUILTIN_VARIABLES.has(variable),
    };
  }
}
