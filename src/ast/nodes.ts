/**
 * The typed AST: one node kind per AppArmor construct, named in AppArmor's own nouns.
 *
 * Every node carries its exact source range. Words keep both what was written (`raw`) and what it means
 * (`value`: quotes removed, escapes decoded), so the formatter can reproduce a file and the checks can
 * reason about values. Comments are kept on the File, in source order.
 */

export interface Position {
  /** 0-based offset into the source text (UTF-16 code units). */
  offset: number;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
}

/** `end` is exclusive: the position just after the last character. */
export interface Range {
  start: Position;
  end: Position;
}

export interface Word {
  /** The value the compiler sees: quotes removed, escapes decoded (glob escapes kept). */
  value: string;
  /** The text as written. */
  raw: string;
  quoted: boolean;
  range: Range;
}

export interface Comment {
  type: "Comment";
  /** The comment text including the leading '#'. */
  text: string;
  range: Range;
}

// ---------------------------------------------------------------------------------------------------------
// Files and preamble

export interface File {
  type: "File";
  body: Item[];
  comments: Comment[];
  range: Range;
}

export type IncludeKind = "magic" | "quoted" | "bare";

export interface IncludeDirective {
  type: "IncludeDirective";
  /** The file name after quote and escape processing, without <>. */
  path: string;
  kind: IncludeKind;
  ifExists: boolean;
  /** Written `#include`, the deprecated form. */
  legacy: boolean;
  /** Where the file name is written. */
  pathRange: Range;
  range: Range;
}

export interface AbiRule {
  type: "AbiRule";
  path: Word;
  /** `abi <…>` searches the include path; `abi "…"` is relative to the working directory. */
  magic: boolean;
  range: Range;
}

export interface AliasRule {
  type: "AliasRule";
  from: Word;
  to: Word;
  range: Range;
}

export type AssignOperator = "=" | "+=" | "?=" | ":=";

export interface VariableAssignment {
  type: "VariableAssignment";
  /** The variable name without `@{` `}`. */
  name: string;
  nameRange: Range;
  /** As written: `@{HOME}` or `@HOME`. */
  rawName: string;
  operator: AssignOperator;
  values: Word[];
  range: Range;
}

export interface BooleanAssignment {
  type: "BooleanAssignment";
  name: string;
  nameRange: Range;
  rawName: string;
  operator: AssignOperator;
  value: Expression;
  range: Range;
}

// ---------------------------------------------------------------------------------------------------------
// Profiles

export interface Flags {
  /** `flags=(…)` or the bare `(…)` form. */
  keyword: boolean;
  values: Word[];
  range: Range;
}

export interface IdentitiesClause {
  values: Word[];
  range: Range;
}

export type ProfileKeyword = "profile" | "hat" | "^" | null;

export interface Profile {
  type: "Profile";
  /** `profile NAME`, `hat NAME` / `^NAME`, or null for a bare path-named profile. */
  keyword: ProfileKeyword;
  name: Word;
  attachment: Word | null;
  xattrs: ConditionList | null;
  identities: IdentitiesClause[];
  flags: Flags | null;
  body: Item[];
  /** From '{' to '}'. */
  bodyRange: Range;
  range: Range;
}

// ---------------------------------------------------------------------------------------------------------
// Conditionals

export type Expression =
  | BooleanReference
  | DefinedTest
  | NotExpression
  | LogicalExpression
  | Comparison
  | ValueTest
  | GroupExpression;

export interface BooleanReference {
  type: "BooleanReference";
  name: string;
  raw: string;
  range: Range;
}

export interface DefinedTest {
  type: "DefinedTest";
  /** A set variable `@{x}` or a boolean `${x}`, as written. */
  variable: string;
  variableKind: "set" | "boolean";
  range: Range;
}

export interface NotExpression {
  type: "NotExpression";
  operand: Expression;
  range: Range;
}

export interface LogicalExpression {
  type: "LogicalExpression";
  operator: "and" | "or";
  left: Expression;
  right: Expression;
  range: Range;
}

export type ComparisonOperator = "==" | "!=" | "in" | ">" | ">=" | "<" | "<=";

export interface Comparison {
  type: "Comparison";
  operator: ComparisonOperator;
  left: Operand;
  right: Operand;
  range: Range;
}

/** A bare word or variable used as a condition on its own. */
export interface ValueTest {
  type: "ValueTest";
  operand: Operand;
  range: Range;
}

export interface GroupExpression {
  type: "GroupExpression";
  expression: Expression;
  range: Range;
}

export interface Operand extends Word {
  /** A set variable `@{x}` rather than a literal word. */
  variable: boolean;
}

export interface ConditionalBranch {
  /** null for the final `else`. */
  condition: Expression | null;
  body: Item[];
  bodyRange: Range;
  range: Range;
}

export interface ConditionalBlock {
  type: "ConditionalBlock";
  branches: ConditionalBranch[];
  range: Range;
}

// ---------------------------------------------------------------------------------------------------------
// Rules

export type RuleMode = "allow" | "deny" | "prompt";

/** `[priority=N] [audit] [allow|deny|prompt] [owner|other]` */
export interface Prefix {
  priority: Word | null;
  audit: boolean;
  mode: RuleMode | null;
  /** `owner` (also spelled `user`) or `other`. */
  owner: "owner" | "other" | null;
  /** Ranges of each keyword, for diagnostics that point at one of them. */
  auditRange: Range | null;
  modeRange: Range | null;
  ownerRange: Range | null;
  /** null when the rule has no prefix. */
  range: Range | null;
}

export interface RuleBlock {
  type: "RuleBlock";
  prefix: Prefix;
  body: Item[];
  bodyRange: Range;
  range: Range;
}

export type ExecSafety = "safe" | "unsafe";

export interface FileRule {
  type: "FileRule";
  prefix: Prefix;
  /** Written with the `file` keyword. */
  fileKeyword: boolean;
  /** Bare `file,`. */
  bare: boolean;
  safety: ExecSafety | null;
  safetyRange: Range | null;
  /** null only for bare `file,`. */
  path: Word | null;
  /** The permission string as written (`rw`, `Px` …); null only for bare `file,`. */
  permissions: Word | null;
  /** Permissions written before the path (`rw /foo,`). */
  leadingPermissions: boolean;
  subset: boolean;
  target: Word | null;
  range: Range;
}

export interface LinkRule {
  type: "LinkRule";
  prefix: Prefix;
  subset: boolean;
  path: Word;
  target: Word;
  range: Range;
}

export interface CapabilityRule {
  type: "CapabilityRule";
  prefix: Prefix;
  /** Empty for bare `capability,` (all capabilities). */
  names: Word[];
  range: Range;
}

/** How an access word reached the parser; upstream treats keywords, parenthesised values and modes apart. */
export type AccessWordKind = "keyword" | "value" | "mode";

export interface AccessWord extends Word {
  kind: AccessWordKind;
}

export interface Access {
  words: AccessWord[];
  parenthesized: boolean;
  range: Range;
}

export interface Condition {
  name: Word;
  /** null for a bare name (only inside a conditional list). */
  operator: "=" | "in" | null;
  values: Word[];
  /** Values written in parentheses. */
  parenthesized: boolean;
  range: Range;
}

export interface ConditionList {
  /** `peer` or `xattrs`. */
  name: string;
  conditions: Condition[];
  range: Range;
}

export interface NetworkRule {
  type: "NetworkRule";
  prefix: Prefix;
  access: Access | null;
  domain: Word | null;
  /** The socket type or protocol after the domain. */
  kind: Word | null;
  conditions: Condition[];
  peer: ConditionList | null;
  range: Range;
}

export interface UnixRule {
  type: "UnixRule";
  prefix: Prefix;
  access: Access | null;
  conditions: Condition[];
  peer: ConditionList | null;
  range: Range;
}

export interface DbusRule {
  type: "DbusRule";
  prefix: Prefix;
  access: Access | null;
  conditions: Condition[];
  peer: ConditionList | null;
  range: Range;
}

export interface SignalRule {
  type: "SignalRule";
  prefix: Prefix;
  access: Access | null;
  conditions: Condition[];
  range: Range;
}

export interface PtraceRule {
  type: "PtraceRule";
  prefix: Prefix;
  access: Access | null;
  conditions: Condition[];
  range: Range;
}

export interface UsernsRule {
  type: "UsernsRule";
  prefix: Prefix;
  access: Access | null;
  conditions: Condition[];
  range: Range;
}

export interface MqueueRule {
  type: "MqueueRule";
  prefix: Prefix;
  access: Access | null;
  conditions: Condition[];
  name: Word | null;
  range: Range;
}

export interface IoUringRule {
  type: "IoUringRule";
  prefix: Prefix;
  access: Access | null;
  conditions: Condition[];
  /** Upstream accepts a conditional list here and ignores its name. */
  conditionList: ConditionList | null;
  range: Range;
}

export interface AllRule {
  type: "AllRule";
  prefix: Prefix;
  range: Range;
}

export interface MountRule {
  type: "MountRule";
  prefix: Prefix;
  conditions: Condition[];
  source: Word | null;
  /** Conditionals after '->' (upstream rejects them). */
  destConditions: Condition[];
  mountpoint: Word | null;
  range: Range;
}

export interface RemountRule {
  type: "RemountRule";
  prefix: Prefix;
  conditions: Condition[];
  mountpoint: Word | null;
  range: Range;
}

export interface UmountRule {
  type: "UmountRule";
  prefix: Prefix;
  conditions: Condition[];
  mountpoint: Word | null;
  range: Range;
}

export interface PivotRootRule {
  type: "PivotRootRule";
  prefix: Prefix;
  conditions: Condition[];
  newRoot: Word | null;
  target: Word | null;
  range: Range;
}

export interface ChangeProfileRule {
  type: "ChangeProfileRule";
  prefix: Prefix;
  safety: ExecSafety | null;
  safetyRange: Range | null;
  exec: Word | null;
  target: Word | null;
  range: Range;
}

export interface RlimitRule {
  type: "RlimitRule";
  resource: Word;
  value: Word;
  unit: Word | null;
  range: Range;
}

export type PrefixedRule =
  | FileRule
  | LinkRule
  | CapabilityRule
  | NetworkRule
  | UnixRule
  | DbusRule
  | SignalRule
  | PtraceRule
  | UsernsRule
  | MqueueRule
  | IoUringRule
  | AllRule
  | MountRule
  | RemountRule
  | UmountRule
  | PivotRootRule
  | ChangeProfileRule;

export type Item =
  | IncludeDirective
  | AbiRule
  | AliasRule
  | VariableAssignment
  | BooleanAssignment
  | Profile
  | ConditionalBlock
  | RuleBlock
  | RlimitRule
  | PrefixedRule;

export type Node = File | Item | Comment;
export type NodeType = Node["type"];
