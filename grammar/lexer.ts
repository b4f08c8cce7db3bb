/**
 * The scanner: a faithful model of upstream's flex lexer (parser/parser_lex.l).
 *
 * AppArmor's tokens depend on context: `rw` is a permission after a path but a word inside a dbus rule,
 * `name=` opens a conditional, `,` ends a rule but continues a word when glued to the next character, and a
 * variable assignment ends at the end of the line. Upstream handles this with 30 flex start states and
 * flex's matching discipline: among the rules active in the current state, the longest match wins (trailing
 * context counts towards the length), and ties go to the rule written first. This file keeps the same rules,
 * in the same order, with the same state changes, so that the token stream the parser sees is the one the
 * real compiler's parser sees.
 *
 * The one deliberate difference: where upstream splices an included file into the input, this scanner emits
 * a single Include token and leaves resolution to a later phase.
 */
import { createTokenInstance, type IToken, type TokenType } from "chevrotain";
import * as T from "./tokens.js";

export enum S {
  INITIAL,
  SUB_ID,
  SUB_ID_WS,
  SUB_VALUE,
  IDENTITY_VALUE,
  EXTCOND_MODE,
  EXTCONDLIST_MODE,
  NETWORK_MODE,
  LIST_VAL_MODE,
  LIST_COND_MODE,
  LIST_COND_VAL,
  LIST_COND_PAREN_VAL,
  ASSIGN_MODE,
  RLIMIT_MODE,
  MOUNT_MODE,
  DBUS_MODE,
  SIGNAL_MODE,
  PTRACE_MODE,
  UNIX_MODE,
  CHANGE_PROFILE_MODE,
  INCLUDE,
  INCLUDE_EXISTS,
  ABI_MODE,
  USERNS_MODE,
  MQUEUE_MODE,
  IOURING_MODE,
  INTEGER_MODE,
  EXPR_MODE,
  ASSIGN_EXPR_MODE,
  ASSIGN_EXPR_START,
}
const STATE_COUNT = S.ASSIGN_EXPR_START + 1;

/** What the scanner was reading in each state, for "unexpected character … in …" messages. */
const STATE_CONTEXT: Record<S, string> = {
  [S.INITIAL]: "a profile",
  [S.SUB_ID]: "a profile or hat name",
  [S.SUB_ID_WS]: "the target after '->'",
  [S.SUB_VALUE]: "a conditional value",
  [S.IDENTITY_VALUE]: "an identities list",
  [S.EXTCOND_MODE]: "a conditional",
  [S.EXTCONDLIST_MODE]: "a conditional list",
  [S.NETWORK_MODE]: "a network rule",
  [S.LIST_VAL_MODE]: "a parenthesised list",
  [S.LIST_COND_MODE]: "a conditional list",
  [S.LIST_COND_VAL]: "a conditional value",
  [S.LIST_COND_PAREN_VAL]: "a conditional value list",
  [S.ASSIGN_MODE]: "a variable assignment",
  [S.RLIMIT_MODE]: "an rlimit rule",
  [S.MOUNT_MODE]: "a mount rule",
  [S.DBUS_MODE]: "a dbus rule",
  [S.SIGNAL_MODE]: "a signal rule",
  [S.PTRACE_MODE]: "a ptrace rule",
  [S.UNIX_MODE]: "a unix rule",
  [S.CHANGE_PROFILE_MODE]: "a change_profile rule",
  [S.INCLUDE]: "an include",
  [S.INCLUDE_EXISTS]: "an include",
  [S.ABI_MODE]: "an abi rule",
  [S.USERNS_MODE]: "a userns rule",
  [S.MQUEUE_MODE]: "an mqueue rule",
  [S.IOURING_MODE]: "an io_uring rule",
  [S.INTEGER_MODE]: "a priority",
  [S.EXPR_MODE]: "an if condition",
  [S.ASSIGN_EXPR_MODE]: "a boolean assignment",
  [S.ASSIGN_EXPR_START]: "a boolean assignment",
};

// ---------------------------------------------------------------------------------------------------
// Pattern fragments (flex definitions section). Alternatives that consume two characters come first so that
// JavaScript's first-alternative matching finds the same longest match flex's DFA does.
// Upstream's classes for words inside rules (IDS_NOEQ, LIST_VALUE_ID, POST_VAR_ID) exclude '\n' but not '\r':
// in a dbus, unix, signal or ptrace rule written over CRLF lines, the '\r' glues to the word before it
// (`send\r` is a name, not the keyword) and the compiler rejects the rule. They are kept as upstream has them.
const R = String.raw;
const NAME = R`[A-Za-z][A-Za-z0-9_]*`;
const idChar = R`[^ \t\r\n"!,]`;
const idUnit = R`(?:\\[ \t"!,]|,${idChar}|${idChar})`;
const idFirst = R`(?:\\[ \t"!,#]|,${idChar}|${idChar})`;
const IDS = R`${idFirst}${idUnit}*`;
const QUOTED_ID = R`"(?:\\"|[^\0"])*"`;
const incChar = R`[^ \t\r\n"!,<>]`;
const INC_IDS = R`(?:\\[ \t"!,]|,${incChar}|${incChar})+`;
const postVarChar = R`[^ \t\n"!,=+?]`;
const POST_VAR_ID = R`(?:\\[ \t"!,()]|,${postVarChar}|[^ \t\n"!,=+]\?|${postVarChar})`;
const SET_VARIABLE = R`@(?:\{${NAME}\}|${NAME})`;
const BOOL_VARIABLE = R`\$(?:\{${NAME}\}|${NAME})`;
const LABEL = R`(?:/|${SET_VARIABLE}${POST_VAR_ID}|:[^=]|&)${idUnit}*`;
const QUOTED_LABEL = R`"[/@:&](?:\\"|[^\0"])*"`;
const LIST_VALUE_ID = R`(?:\\[ \t"!,()]|[^ \t\n"!,()])+`;
const QUOTED_LIST_VALUE_ID = R`"(?:\\"|[^\0"])+"`;
const idNoEqChar = R`[^ \t\n"!,=)]`;
const IDS_NOEQ = R`[^ \t\n"!,=()+&](?:,${idNoEqChar}|${idNoEqChar})*`;
const MODE_CHARS = R`(?:[PpCc]?[IiUu][Xx]|[PpCc][Xx]|[RrWwaLlMmkXx])`;
const SPACE_OR_COMMA = R`[ \t\n\v\f\r,]`;
/** flex `.*\r?\n`: a comment needs its newline, even on the last line of a file. */
const REST_OF_LINE = R`[^\n]*\n`;

// ---------------------------------------------------------------------------------------------------
// Rules

export interface Scanner {
  readonly src: string;
  state: S;
  emit(type: TokenType, start: number, end: number, payload?: unknown): void;
  push(state: S): void;
  pop(): void;
  begin(state: S): void;
  comment(start: number, end: number): void;
  error(message: string, start: number, end: number): void;
  /** Start of the include directive being read, set when the scanner enters INCLUDE. */
  includeStart: number;
  includeLegacy: boolean;
}

type Action = (sc: Scanner, start: number, end: number) => void;

interface Rule {
  states: readonly S[];
  /** Matches the token plus any trailing context; group 1 is the token when `tail` is set. */
  re: RegExp;
  tail: boolean;
  /** The characters the match can start with, as a one-character regular expression. */
  first: RegExp;
  action: Action;
}

const rules: Rule[] = [];

function rule(states: readonly S[], first: string, pattern: string, action: Action, tail = false): void {
  rules.push({ states, re: new RegExp(pattern, "y"), tail, first: new RegExp(`^${first}$`), action });
}

const skip: Action = () => {};
function tok(type: TokenType): Action {
  return (sc, s, e) => sc.emit(type, s, e);
}
function pushTok(state: S, type: TokenType): Action {
  return (sc, s, e) => {
    sc.push(state);
    sc.emit(type, s, e);
  };
}
function popTok(type: TokenType): Action {
  return (sc, s, e) => {
    sc.pop();
    sc.emit(type, s, e);
  };
}
function beginTok(state: S, type: TokenType): Action {
  return (sc, s, e) => {
    sc.begin(state);
    sc.emit(type, s, e);
  };
}

const ALL_BUT_SUB: readonly S[] = [
  S.INITIAL, S.SUB_ID_WS, S.IDENTITY_VALUE, S.INCLUDE, S.INCLUDE_EXISTS, S.LIST_VAL_MODE, S.EXTCOND_MODE,
  S.LIST_COND_VAL, S.LIST_COND_PAREN_VAL, S.LIST_COND_MODE, S.EXTCONDLIST_MODE, S.ASSIGN_MODE, S.NETWORK_MODE,
  S.CHANGE_PROFILE_MODE, S.RLIMIT_MODE, S.MOUNT_MODE, S.DBUS_MODE, S.SIGNAL_MODE, S.PTRACE_MODE, S.UNIX_MODE,
  S.ABI_MODE, S.USERNS_MODE, S.MQUEUE_MODE, S.IOURING_MODE, S.INTEGER_MODE, S.EXPR_MODE, S.ASSIGN_EXPR_MODE,
  S.ASSIGN_EXPR_START,
];
const COND_RULE_MODES: readonly S[] = [
  S.INITIAL, S.MOUNT_MODE, S.DBUS_MODE, S.SIGNAL_MODE, S.PTRACE_MODE, S.UNIX_MODE, S.MQUEUE_MODE, S.NETWORK_MODE,
];
const NET_LIKE = [S.DBUS_MODE, S.SIGNAL_MODE, S.PTRACE_MODE, S.UNIX_MODE, S.MQUEUE_MODE, S.NETWORK_MODE];

// Whitespace
rule(ALL_BUT_SUB, "[ \\t]", R`[ \t]+`, skip);

// The file name of an include or abi rule: <name> | <"name"> | "name" | name
rule([S.INCLUDE, S.INCLUDE_EXISTS, S.ABI_MODE], R`[^ \t\r\n!>]`,
  R`<(?:[^">\t\r\n]+|${QUOTED_ID})>|${QUOTED_ID}|${INC_IDS}`,
  (sc, s, e) => {
    const raw = sc.src.slice(s, e);
    if (sc.state === S.ABI_MODE) {
      sc.emit(raw.startsWith("<") ? T.Id : T.Value, s, e);
      return;
    }
    const ifExists = sc.state === S.INCLUDE_EXISTS;
    sc.pop();
    sc.emit(T.Include, sc.includeStart, e, { raw, ifExists, legacy: sc.includeLegacy });
  });

rule([...COND_RULE_MODES, S.IDENTITY_VALUE], "i", R`(identities)([ \t]*=)`, (sc, s, e) => {
  if (sc.state === S.IDENTITY_VALUE) sc.begin(S.EXTCOND_MODE);
  else sc.push(S.EXTCOND_MODE);
  sc.emit(T.Identities, s, e);
}, true);

rule(COND_RULE_MODES, "[px]", R`(peer|xattrs)([ \t]*=[ \t]*\()`, pushTok(S.EXTCONDLIST_MODE, T.CondListId), true);
rule(COND_RULE_MODES, "p", R`(priority)([ \t]*=)`, pushTok(S.INTEGER_MODE, T.Priority), true);
rule(COND_RULE_MODES, "f", R`(flags)([ \t]*=)`, pushTok(S.EXTCOND_MODE, T.Flags), true);
rule(COND_RULE_MODES, "[A-Za-z]", R`(${NAME})([ \t]*=)`, pushTok(S.EXTCOND_MODE, T.CondId), true);
rule(COND_RULE_MODES, "[A-Za-z]", R`(${NAME})([ \t]+in[ \t]*\()`, pushTok(S.EXTCOND_MODE, T.CondId), true);

rule([S.SUB_ID, S.SUB_ID_WS], R`[^ \t\r\n!]`, R`${IDS}|${QUOTED_ID}`, popTok(T.Id));
rule([S.SUB_VALUE], R`[^ \t\r\n!]`, R`${IDS}|${QUOTED_ID}`, popTok(T.Value));
rule([S.IDENTITY_VALUE], R`[^ \t\r\n!,{}\\=]`, R`[^ \t\r\n"!,{}\\=]+|${QUOTED_ID}`, popTok(T.Value));

rule([S.LIST_VAL_MODE], R`\)`, R`\)`, popTok(T.CloseParen));
rule([S.LIST_VAL_MODE], ",", ",", skip);
rule([S.LIST_VAL_MODE], R`[^ \t\n!,()]`, R`${LIST_VALUE_ID}|${QUOTED_ID}`, tok(T.Value));

rule([S.EXTCOND_MODE], "=", R`(=[ \t]*)([^(\n \t])`, beginTok(S.SUB_VALUE, T.Equals), true);
rule([S.EXTCOND_MODE], "=", "=", tok(T.Equals));
rule([S.EXTCOND_MODE], R`\(`, R`\(`, beginTok(S.LIST_VAL_MODE, T.OpenParen));
rule([S.EXTCOND_MODE], "i", "in", tok(T.In));

rule([S.LIST_COND_VAL], R`[^ \t\n!,()]`, R`${LIST_VALUE_ID}|${QUOTED_LIST_VALUE_ID}`, popTok(T.Value));

rule([S.LIST_COND_PAREN_VAL], R`\)`, R`\)`, (sc) => sc.pop());
rule([S.LIST_COND_PAREN_VAL], R`[^ \t\n!,()]`, R`${LIST_VALUE_ID}|${QUOTED_LIST_VALUE_ID}`, tok(T.Value));

rule([S.LIST_COND_MODE], R`\)`, R`\)`, popTok(T.CloseParen));
rule([S.LIST_COND_MODE], ",", ",", skip);
rule([S.LIST_COND_MODE], R`[^ \t\n"!,=)]`, R`[^ \t\n"!,=)]+`, tok(T.CondId));
rule([S.LIST_COND_MODE], "=", R`=[ \t]*\(`, pushTok(S.LIST_COND_PAREN_VAL, T.Equals));
rule([S.LIST_COND_MODE], "=", "=", pushTok(S.LIST_COND_VAL, T.Equals));

rule([S.EXTCONDLIST_MODE], "=", "=", tok(T.Equals));
rule([S.EXTCONDLIST_MODE], R`\(`, R`\(`, beginTok(S.LIST_COND_MODE, T.OpenParen));

const trailingComma: Action = (sc, s, e) =>
  sc.error("variable declarations do not accept trailing commas", s, e);
const commentAndPop: Action = (sc, s, e) => {
  sc.comment(s, e);
  sc.pop();
};
rule([S.ASSIGN_MODE], R`[^ \t\r\n!]`, R`${IDS}|${QUOTED_ID}`, tok(T.Value));
rule([S.ASSIGN_MODE], ",", ",", trailingComma);
rule([S.ASSIGN_MODE], "#", R`#${REST_OF_LINE}`, commentAndPop);
rule([S.ASSIGN_MODE], R`\\`, R`\\\n`, skip);
rule([S.ASSIGN_MODE], R`[\r\n]`, R`\r?\n`, (sc) => sc.pop());

rule([S.CHANGE_PROFILE_MODE], "s", "safe", tok(T.Safe));
rule([S.CHANGE_PROFILE_MODE], "u", "unsafe", tok(T.Unsafe));
rule([S.CHANGE_PROFILE_MODE], "-", "->", pushTok(S.SUB_ID_WS, T.Arrow));
rule([S.CHANGE_PROFILE_MODE], R`[^ \t\r\n!]`, R`${IDS}|${QUOTED_ID}`, tok(T.Id));

rule([S.RLIMIT_MODE], "[-0-9]", R`-?[0-9]+`, tok(T.Value));
rule([S.RLIMIT_MODE], "[A-Za-z_]", R`[A-Za-z_]+`, (sc, s, e) =>
  sc.emit(sc.src.slice(s, e) === "infinity" ? T.Value : T.Id, s, e));
rule([S.RLIMIT_MODE], "<", "<=", tok(T.Le));

function words(states: readonly S[], table: [string, TokenType][]): void {
  for (const [word, type] of table) rule(states, word[0]!, word, tok(type));
}
words([S.UNIX_MODE, S.NETWORK_MODE], [
  ["listen", T.Listen], ["accept", T.Accept], ["connect", T.Connect], ["getopt", T.Getopt],
  ["setopt", T.Setopt], ["shutdown", T.Shutdown],
]);
words([S.UNIX_MODE, S.USERNS_MODE, S.MQUEUE_MODE, S.NETWORK_MODE], [["create", T.Create]]);
words([S.MQUEUE_MODE], [["open", T.OpenAccess], ["delete", T.Delete]]);
words([S.UNIX_MODE, S.MQUEUE_MODE, S.NETWORK_MODE], [["getattr", T.Getattr], ["setattr", T.Setattr]]);
words([S.DBUS_MODE, S.UNIX_MODE, S.NETWORK_MODE], [["bind", T.Bind]]);
words([S.DBUS_MODE], [["eavesdrop", T.Eavesdrop]]);
words([S.DBUS_MODE, S.SIGNAL_MODE, S.UNIX_MODE, S.NETWORK_MODE], [["send", T.Send], ["receive", T.Receive]]);
words([S.PTRACE_MODE], [["trace", T.Trace], ["readby", T.Readby], ["tracedby", T.Tracedby]]);
words(NET_LIKE, [["read", T.Read], ["write", T.Write]]);
rule(NET_LIKE, R`\(`, R`\(`, pushTok(S.LIST_VAL_MODE, T.OpenParen));
rule(NET_LIKE, "[rw]", R`(r|w|rw|wr)(${SPACE_OR_COMMA})`, tok(T.Mode), true);

rule([S.MOUNT_MODE], "-", "->", tok(T.Arrow));
words([S.IOURING_MODE], [["override_creds", T.OverrideCreds], ["sqpoll", T.Sqpoll]]);

/**
 * A flex rule whose pattern is a union of definitions whose matches can overlap (`{IDS_NOEQ}|{LABEL}` both
 * read `/a`): flex takes the longest match of the union, a JavaScript alternation the first alternative that
 * matches. One rule per alternative, in order, gives flex's answer (longest wins, ties go to the first).
 */
function union(states: readonly S[], alternatives: [first: string, pattern: string][], action: Action): void {
  for (const [first, pattern] of alternatives) rule(states, first, pattern, action);
}

// `mount /a\ b` and `mount /a=b`: a word starting like a label reads as one (escaped space, '=' and all).
union([S.MOUNT_MODE, ...NET_LIKE, S.IOURING_MODE],
  [[R`[^ \t\n"!,=()+&]`, IDS_NOEQ], [R`[/@:&]`, LABEL], ['"', QUOTED_ID]], tok(T.Id));

rule([S.INTEGER_MODE], "=", "=", tok(T.Equals));
rule([S.INTEGER_MODE], "[-+0-9]", R`[+-]?[0-9]+`, popTok(T.Value));

rule([S.INITIAL], R`\$`, R`(${BOOL_VARIABLE})([ \t]*(?:=|\+=|\?=|:=))`,
  pushTok(S.ASSIGN_EXPR_START, T.BoolVar), true);

rule([S.INITIAL, S.EXPR_MODE, S.ASSIGN_EXPR_MODE], "@", SET_VARIABLE, tok(T.SetVar));
rule([S.INITIAL, S.EXPR_MODE, S.ASSIGN_EXPR_MODE], R`\$`, BOOL_VARIABLE, tok(T.BoolVar));

rule([S.EXPR_MODE], R`\{`, R`\{`, popTok(T.Open));

rule([S.ASSIGN_EXPR_MODE], ",", ",", trailingComma);
rule([S.ASSIGN_EXPR_MODE], "#", R`#${REST_OF_LINE}`, commentAndPop);
rule([S.ASSIGN_EXPR_MODE], R`\\`, R`\\\n`, skip);
rule([S.ASSIGN_EXPR_MODE], R`[\r\n]`, R`\r?\n`, (sc) => sc.pop());

const EXPR = [S.EXPR_MODE, S.ASSIGN_EXPR_MODE];
rule(EXPR, R`\(`, R`\(`, tok(T.OpenParen));
rule(EXPR, R`\)`, R`\)`, tok(T.CloseParen));
words(EXPR, [["and", T.And], ["or", T.Or], ["not", T.Not], ["defined", T.Defined], ["==", T.EqOp],
  ["!=", T.NeOp], ["in", T.In], [">", T.Gt], [">=", T.Ge], ["<", T.Lt], ["<=", T.Le]]);
union(EXPR, [[R`[^ \t\n"!,=()+&]`, IDS_NOEQ], [R`[/@:&]`, LABEL], ['"', QUOTED_ID]], tok(T.Id));

rule([S.ASSIGN_EXPR_START], "=", "=", beginTok(S.ASSIGN_EXPR_MODE, T.Equals));
rule([S.ASSIGN_EXPR_START], R`\+`, R`\+=`, beginTok(S.ASSIGN_EXPR_MODE, T.AddAssign));
rule([S.ASSIGN_EXPR_START], R`\?`, R`\?=`, beginTok(S.ASSIGN_EXPR_MODE, T.CondAssign));
rule([S.ASSIGN_EXPR_START], ":", ":=", beginTok(S.ASSIGN_EXPR_MODE, T.OverrideAssign));

function startInclude(next: S, legacy: boolean): Action {
  return (sc, s) => {
    sc.push(next);
    sc.includeStart = s;
    sc.includeLegacy = legacy;
  };
}
rule([S.INITIAL], "#", R`(#include[ \t]+if[ \t]+exists)([ \t]${REST_OF_LINE})`,
  startInclude(S.INCLUDE_EXISTS, true), true);
rule([S.INITIAL], "i", R`(include[ \t]+if[ \t]+exists)([ \t])`, startInclude(S.INCLUDE_EXISTS, false), true);
rule([S.INITIAL], "#", R`(#include)(${REST_OF_LINE})`, startInclude(S.INCLUDE, true), true);
rule([S.INITIAL], "i", R`(include)([ \t])`, startInclude(S.INCLUDE, false), true);

rule([S.INITIAL], "a", R`(all)([^A-Za-z0-9_]|$)`, tok(T.All), true);
rule([S.INITIAL], "#", R`#${REST_OF_LINE}`, (sc, s, e) => sc.comment(s, e));

rule([S.INITIAL], R`\^`, R`\^`, pushTok(S.SUB_ID, T.Caret));
rule([S.INITIAL], "-", "->", pushTok(S.SUB_ID_WS, T.Arrow));
rule([S.INITIAL], "=", "=", pushTok(S.ASSIGN_MODE, T.Equals));
rule([S.INITIAL], R`\+`, R`\+`, pushTok(S.IDENTITY_VALUE, T.Plus));
rule([S.INITIAL], R`\+`, R`\+=`, pushTok(S.ASSIGN_MODE, T.AddAssign));
rule([S.INITIAL], R`\?`, R`\?=`, pushTok(S.ASSIGN_MODE, T.CondAssign));
rule([S.INITIAL], ":", ":=", pushTok(S.ASSIGN_MODE, T.OverrideAssign));
rule([S.INITIAL], R`\{`, R`\{`, tok(T.Open));
rule([S.INITIAL], R`\}`, R`\}`, tok(T.Close));
rule([S.INITIAL], R`[/@:&"]`, R`${LABEL}|${QUOTED_LABEL}`, tok(T.Id));
rule([S.INITIAL], "[RrWwaLlMmkXxPpCcIiUu]", R`(${MODE_CHARS}+)(${SPACE_OR_COMMA})`, tok(T.Mode), true);
rule([S.INITIAL], "h", R`hat[ \t]*`, pushTok(S.SUB_ID, T.Hat));
rule([S.INITIAL], "p", R`profile[ \t]*`, pushTok(S.SUB_ID, T.Profile));
rule([S.INITIAL], ":", ":", tok(T.Colon));
rule([S.INITIAL], R`\(`, R`\(`, pushTok(S.LIST_VAL_MODE, T.OpenParen));

/** The scanner state a keyword switches to (upstream's switch in the {VARIABLE_NAME} action). */
const KEYWORD_STATE = new Map<TokenType, S>([
  [T.Rlimit, S.RLIMIT_MODE], [T.Network, S.NETWORK_MODE], [T.ChangeProfile, S.CHANGE_PROFILE_MODE],
  [T.Mount, S.MOUNT_MODE], [T.Remount, S.MOUNT_MODE], [T.Umount, S.MOUNT_MODE], [T.Dbus, S.DBUS_MODE],
  [T.Signal, S.SIGNAL_MODE], [T.Ptrace, S.PTRACE_MODE], [T.Unix, S.UNIX_MODE], [T.Abi, S.ABI_MODE],
  [T.Userns, S.USERNS_MODE], [T.Mqueue, S.MQUEUE_MODE], [T.If, S.EXPR_MODE],
]);
rule([S.INITIAL], "[A-Za-z]", NAME, (sc, s, e) => {
  const type = T.keywordTable.get(sc.src.slice(s, e));
  if (!type) {
    sc.emit(T.Id, s, e);
    return;
  }
  const next = KEYWORD_STATE.get(type);
  if (next !== undefined) sc.push(next);
  sc.emit(type, s, e);
});

rule([S.INITIAL, S.NETWORK_MODE, S.RLIMIT_MODE, S.CHANGE_PROFILE_MODE, S.MOUNT_MODE, S.DBUS_MODE, S.SIGNAL_MODE,
  S.PTRACE_MODE, S.UNIX_MODE, S.ABI_MODE, S.USERNS_MODE, S.MQUEUE_MODE, S.IOURING_MODE], ",", ",",
  (sc, s, e) => {
    if (sc.state !== S.INITIAL) sc.pop();
    sc.emit(T.EndOfRule, s, e);
  });

rule([S.INITIAL, S.SUB_ID_WS, S.INCLUDE, S.INCLUDE_EXISTS, S.LIST_VAL_MODE, S.EXTCOND_MODE, S.LIST_COND_VAL,
  S.LIST_COND_PAREN_VAL, S.LIST_COND_MODE, S.EXTCONDLIST_MODE, S.NETWORK_MODE, S.CHANGE_PROFILE_MODE,
  S.RLIMIT_MODE, S.MOUNT_MODE, S.DBUS_MODE, S.SIGNAL_MODE, S.PTRACE_MODE, S.UNIX_MODE, S.ABI_MODE, S.USERNS_MODE,
  S.MQUEUE_MODE, S.IOURING_MODE, S.EXPR_MODE, S.ASSIGN_EXPR_MODE], R`[\r\n]`, R`\r?\n`, skip);

// ---------------------------------------------------------------------------------------------------
// Candidate rules per (state, first character), computed on first use so start-up stays cheap.

const NON_ASCII = 128;
const candidates: (Rule[] | undefined)[] = new Array(STATE_COUNT * (NON_ASCII + 1));

function candidatesFor(state: S, code: number): Rule[] {
  const slot = state * (NON_ASCII + 1) + (code < NON_ASCII ? code : NON_ASCII);
  let list = candidates[slot];
  if (!list) {
    const ch = code < NON_ASCII ? String.fromCharCode(code) : "\u00e9";
    list = rules.filter((r) => r.states.includes(state) && r.first.test(ch));
    candidates[slot] = list;
  }
  return list;
}

// ---------------------------------------------------------------------------------------------------

export interface Comment {
  text: string;
  startOffset: number;
  endOffset: number;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface LexError {
  message: string;
  offset: number;
  length: number;
  line: number;
  column: number;
}

export interface IncludePayload {
  /** The file name as written: `<abstractions/base>`, `"x"` or a bare word. */
  raw: string;
  ifExists: boolean;
  /** Written `#include`, the deprecated form. */
  legacy: boolean;
}

export interface LexResult {
  tokens: IToken[];
  comments: Comment[];
  errors: LexError[];
}

/** Bounds the state stack so hostile input cannot grow it without limit. */
const MAX_STACK = 10_000;

class ScannerImpl implements Scanner {
  state: S = S.INITIAL;
  includeStart = 0;
  includeLegacy = false;
  readonly tokens: IToken[] = [];
  readonly comments: Comment[] = [];
  readonly errors: LexError[] = [];
  private readonly stack: S[] = [];
  private readonly lineStarts: number[] = [0];

  constructor(readonly src: string) {
    for (let i = src.indexOf("\n"); i !== -1; i = src.indexOf("\n", i + 1)) this.lineStarts.push(i + 1);
  }

  /** 1-based line and column of an offset; offsets arrive mostly in increasing order. */
  private lineHint = 0;
  position(offset: number): [number, number] {
    const ls = this.lineStarts;
    let i = this.lineHint;
    if (offset < ls[i]!) i = 0;
    while (i + 1 < ls.length && ls[i + 1]! <= offset) i++;
    this.lineHint = i;
    return [i + 1, offset - ls[i]! + 1];
  }

  emit(type: TokenType, start: number, end: number, payload?: unknown): void {
    const [sl, sc] = this.position(start);
    const [el, ec] = this.position(Math.max(start, end - 1));
    const t = createTokenInstance(type, this.src.slice(start, end), start, end - 1, sl, el, sc, ec);
    if (payload !== undefined) t.payload = payload;
    this.tokens.push(t);
  }

  push(state: S): void {
    if (this.stack.length >= MAX_STACK) {
      this.error("nesting is too deep", 0, 0);
      return;
    }
    this.stack.push(this.state);
    this.state = state;
  }

  pop(): void {
    this.state = this.stack.pop() ?? S.INITIAL;
  }

  begin(state: S): void {
    this.state = state;
  }

  comment(start: number, end: number): void {
    // The newline that ends a comment belongs to the layout, not to the comment.
    let stop = end;
    while (stop > start && (this.src[stop - 1] === "\n" || this.src[stop - 1] === "\r")) stop--;
    const [sl, sc] = this.position(start);
    const [el, ec] = this.position(Math.max(start, stop - 1));
    this.comments.push({
      text: this.src.slice(start, stop), startOffset: start, endOffset: stop - 1,
      startLine: sl, startColumn: sc, endLine: el, endColumn: ec,
    });
  }

  error(message: string, start: number, end: number): void {
    const [line, column] = this.position(start);
    this.errors.push({ message, offset: start, length: Math.max(1, end - start), line, column });
  }

  run(): void {
    const src = this.src;
    const n = src.length;
    let pos = 0;
    while (pos < n) {
      const code = src.charCodeAt(pos);
      let best: Rule | undefined;
      let bestLen = 0;
      let bestText = 0;
      for (const r of candidatesFor(this.state, code)) {
        r.re.lastIndex = pos;
        if (r.tail) {
          const m = r.re.exec(src);
          if (m && m[0].length > bestLen) {
            best = r;
            bestLen = m[0].length;
            bestText = m[1]!.length;
          }
        } else if (r.re.test(src)) {
          // test() leaves lastIndex at the end of the match without building a match array.
          const len = r.re.lastIndex - pos;
          if (len > bestLen) {
            best = r;
            bestLen = len;
            bestText = len;
          }
        }
      }
      if (!best) {
        pos += this.unexpected(pos);
        continue;
      }
      const end = pos + bestText;
      best.action(this, pos, end);
      pos = end;
    }
  }

  /** Reports the character no rule matches; returns how many characters to skip. */
  private unexpected(pos: number): number {
    const ch = this.src[pos]!;
    if (ch === '"' && this.src.indexOf('"', pos + 1) === -1) {
      this.error("unterminated quoted string: no closing '\"'", pos, pos + 1);
      return 1;
    }
    if (ch === "#" && this.src.indexOf("\n", pos) === -1) {
      // Upstream's comment rule is `#.*\r?\n`: without the newline the '#' matches nothing.
      this.error("a comment on the last line needs a newline after it (apparmor_parser reports an unexpected '#')",
        pos, this.src.length);
      return this.src.length - pos;
    }
    const shown =
      ch === "\n" ? "end of line" : ch === "\r" ? "carriage return" : ch === " " ? "space" : ch === "\t" ? "tab"
        : ch.charCodeAt(0) < 32 ? `control character 0x${ch.charCodeAt(0).toString(16).padStart(2, "0")}`
        : `'${ch}'`;
    this.error(`unexpected ${shown} in ${STATE_CONTEXT[this.state]}`, pos, pos + 1);
    return 1;
  }
}

/** Scans a whole profile file. Never throws: problems are returned in `errors`. */
export function lex(src: string): LexResult {
  const sc = new ScannerImpl(src);
  sc.run();
  return { tokens: sc.tokens, comments: sc.comments, errors: sc.errors };
}
