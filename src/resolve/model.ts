/**
 * What the resolve phase hands to the checks and the linter: every profile of a compilation with its rules
 * as the compiler sees them, includes followed and conditionals decided, each rule still pointing at the
 * AST node and file it was written in.
 *
 * Two flags matter for faithfulness to apparmor_parser. Upstream applies some checks while parsing and
 * others while compiling, and it parses text it later throws away:
 * - a rule in an `if` branch that is not taken is parsed (its parse-time checks run) but never compiled;
 * - a non-file rule inside a qualifier block (`audit { network, }`) is parsed and then silently dropped.
 * Such rules are kept here with `live: false`, so each check can decide which of the two it models.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type {
  AliasRule, File, Prefix, PrefixedRule, Profile, Range, RlimitRule, Word,
} from "../ast/nodes.js";

/** One step of an include chain: the include directive in `file` at `range` that brought in `target`. */
export interface IncludeStep {
  file: string;
  range: Range;
  target: string;
}

/** Where a node was written. */
export interface Origin {
  file: string;
  /** The includes that led from the checked file to `file`, outermost first; empty for the checked file. */
  chain: IncludeStep[];
}

export interface ResolvedRule extends Origin {
  node: PrefixedRule | RlimitRule;
  /** Prefixes of the qualifier blocks around the rule, outermost first. */
  blocks: Prefix[];
  /** False for rules the compiler parses but does not compile (untaken branch, dropped by a block). */
  live: boolean;
  /** Inside an `if` branch that is not taken. */
  inUntakenBranch: boolean;
}

export interface ResolvedProfile extends Origin {
  node: Profile;
  /** Nesting: null at top level. */
  parent: ResolvedProfile | null;
  /** The name after variable expansion. */
  name: string;
  rules: ResolvedRule[];
  /** Hats and child profiles, in source order. */
  children: ResolvedProfile[];
  /** False when the profile sits in an untaken branch. */
  live: boolean;
  /**
   * True for the stand-in profile that holds the rules of a checked fragment (an abstraction or other file
   * of rules meant to be included): its rules are checked, its header is not real.
   */
  fragment?: boolean;
}

/** A set variable after all assignments of the preamble: its values, each still unexpanded. */
export interface SetVariable {
  name: string;
  values: string[];
  /** Where it was (last) assigned. */
  origin: Origin & { range: Range };
}

export interface Program {
  /** The checked file. */
  root: string;
  ast: File;
  /** Top-level profiles, in source order (including those brought in by includes). */
  profiles: ResolvedProfile[];
  variables: Map<string, SetVariable>;
  booleans: Map<string, boolean>;
  aliases: { node: AliasRule; origin: Origin }[];
  /** Every file read for this compilation, checked file first. */
  files: string[];
  /** Every path whose existence decided an include (found or not), and every directory listed for one. */
  lookups: { paths: string[]; dirs: string[] };
  diagnostics: Diagnostic[];
}

/** A word together with where it was written; the unit the expansion helpers work on. */
export interface Located<W extends Word = Word> extends Origin {
  word: W;
}
