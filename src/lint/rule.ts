/**
 * The contract between the lint engine and its rules, in ESLint's shape: a rule is `meta` (data: code,
 * name, messages, docs, preset membership) plus `create(context)`, which returns visitors keyed by the type
 * of the node they want. Rules report a messageId and data, never a literal sentence, so messages live in
 * one place and tests can assert on ids.
 *
 * Visitors run on resolved profiles: variables are expanded on request, included abstractions' rules are
 * in each profile's rule list, and every rule still points at the file and include chain it came from.
 */
import type { File, PrefixedRule, Range, RlimitRule } from "../ast/nodes.js";
import type { Fix, RelatedLocation, Severity } from "../diagnostics/diagnostic.js";
import type { Origin, Program, ResolvedProfile, ResolvedRule } from "../resolve/model.js";
import type { LintFacts } from "./facts.js";

/** Codes are banded by what a rule looks at and never reused; see ./catalogue.ts. */
export type RuleCode = `AA${number}`;

export type RuleCategory = "security" | "redundancy" | "style" | "suppression";

/** A rule's severity in a preset, or a preset entry with options; "off" turns it off over an earlier preset. */
export type PresetEntry = Severity | "off" | [Severity, Record<string, unknown>];

export const PRESET_NAMES = ["recommended", "strict", "apparmor.d", "container"] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/** ruff/Biome-style documentation with fixed sections; `bad` and `good` are executed by the tests. */
export interface RuleDocs {
  /** One line, a noun phrase: what the rule is about. */
  summary: string;
  /** What it does. */
  what: string;
  /** Why is this bad? */
  why: string;
  /** Example: a complete profile file that the rule reports. */
  bad: string;
  /** Use instead: a complete profile file that the rule accepts. */
  good: string;
  exceptions?: string;
}

/** A rule option: its JSON-schema type, default and description; the config validator and schema use it. */
export interface OptionSpec {
  type: "integer" | "string-map" | "string-array" | "boolean";
  description: string;
  default: unknown;
  minimum?: number;
  maximum?: number;
}

export interface RuleMeta {
  code: RuleCode;
  /** stylelint-style: the thing first, then what is wrong with it (`file-no-global-write`). */
  name: string;
  category: RuleCategory;
  /**
   * "safe": has fixes that keep the granted permissions exactly the same (applied by --fix).
   * "suggestion": offers changes that alter access (shown, never applied). null: neither.
   */
  fixable: "safe" | "suggestion" | null;
  /**
   * Severity per preset. A preset that does not list the rule leaves it as an earlier preset set it
   * (`extends: ["recommended", "apparmor.d"]`), and off when it is the only one.
   */
  presets: Partial<Record<PresetName, PresetEntry>>;
  /** Message templates by id; `{{name}}` is replaced from the report's data. */
  messages: Record<string, string>;
  /** The one-line `help:` shown under every finding of the rule. */
  help: string;
  options?: Record<string, OptionSpec>;
  docs: RuleDocs;
  /**
   * The rule's visitors are only rule visitors (no Profile, Profile:exit or RootFile, no state carried from
   * one call to the next), and what they report about a rule depends only on that rule (its node and text,
   * effective prefix, words expanded with the file's variables), the profile's deny rules and the rule's
   * options: not on other rules, the profile's name or the program's other profiles. For the rules of
   * included files the engine then reuses what they reported in one profile for every profile alike
   * (see ./verdicts.ts).
   */
  local?: boolean;
}

export type RuleNodeType = PrefixedRule["type"] | "RlimitRule";
export type RuleNodeOf<K extends RuleNodeType> = Extract<PrefixedRule | RlimitRule, { type: K }>;

/** A resolved rule whose node is known to be of one type. */
export interface Visited<K extends RuleNodeType> extends ResolvedRule {
  node: RuleNodeOf<K>;
}

/** The file being linted (not the files it includes): for rules about how the file is written. */
export interface RootFile {
  path: string;
  text: string;
  ast: File;
  /** Linted as a file of rules meant to be included (an abstraction, a tunables or local file). */
  fragment: boolean;
  program: Program;
}

export type RuleVisitor = {
  [K in RuleNodeType]?: (rule: Visited<K>, profile: ResolvedProfile) => void;
} & {
  /** Every live profile, hats and child profiles included, and the stand-in profile of a fragment. */
  Profile?: (profile: ResolvedProfile) => void;
  /** After the profile's rules were visited. */
  "Profile:exit"?: (profile: ResolvedProfile) => void;
  /** Once per linted file, before its profiles. */
  RootFile?: (file: RootFile) => void;
};

/** A fix in the file the finding belongs to; the engine refuses edits for any other file. */
export type FixDescriptor = Fix;

export interface ReportDescriptor {
  /** Where the reported node was written (a ResolvedRule or profile is an Origin). */
  origin: Origin;
  range: Range;
  messageId: string;
  data?: Record<string, string | number>;
  /** Keeps the granted permissions exactly the same; only rules with fixable "safe" may give one. */
  fix?: FixDescriptor;
  /** Changes access: shown, never applied. */
  suggest?: FixDescriptor[];
  /** Other places involved (the rule that covers this one, the deny that kills it). */
  related?: RelatedLocation[];
}

export interface RuleContext<O extends Record<string, unknown> = Record<string, unknown>> {
  readonly options: O;
  readonly program: Program;
  /** The path of the file being linted. */
  readonly rootPath: string;
  readonly facts: LintFacts;
  /** The text of a file of the program (for fixes and for comparing rules as written). */
  source(file: string): string | undefined;
  report(descriptor: ReportDescriptor): void;
}

export interface LintRule<O extends Record<string, unknown> = Record<string, unknown>> {
  meta: RuleMeta;
  create(context: RuleContext<O>): RuleVisitor;
}

/** Lets a rule file declare its options type while the catalogue holds rules of any option type. */
export function defineRule<O extends Record<string, unknown>>(rule: LintRule<O>): LintRule {
  return rule as unknown as LintRule;
}

/** True for a rule written in the file being linted rather than brought in by an include. */
export function isOwn(origin: Origin, rootPath: string): boolean {
  return origin.file === rootPath && origin.chain.length === 0;
}

export type { ResolvedProfile, ResolvedRule, Origin };
