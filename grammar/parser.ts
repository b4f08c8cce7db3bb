/**
 * The grammar: upstream's bison grammar (parser/parser_yacc.y) restated as an LL Chevrotain parser.
 *
 * One deliberate generalisation: upstream has separate grammars for the preamble (before the first profile)
 * and for profile bodies, and splices included files in as text. Here every level is a list of `item`s, so
 * that an abstraction, a tunables file and a profile all parse on their own; whether an item may stand where
 * it stands (a variable inside a profile, a rule outside one, a preamble item after the first profile) is
 * decided by the resolve phase, which knows where each included file lands.
 *
 * The parser builds a concrete syntax tree and nothing else; src/ast turns it into the typed AST.
 */
import {
  CstParser, EOF, tokenMatcher, type IParserErrorMessageProvider, type IToken, type TokenType,
} from "chevrotain";
import { LazyLookaheadStrategy } from "./lookahead.js";
import * as T from "./tokens.js";

const RULE_NOUN: Record<string, string> = {
  file: "the file",
  item: "a rule",
  includeDirective: "the include",
  abiRule: "the abi rule",
  aliasRule: "the alias rule",
  variableAssignment: "the variable assignment",
  booleanAssignment: "the boolean assignment",
  assignOp: "the assignment",
  rlimitRule: "the rlimit rule",
  conditional: "the if block",
  block: "the block",
  expression: "the condition",
  term: "the condition",
  notFactor: "the condition",
  factor: "the condition",
  hat: "the hat",
  childProfile: "the profile",
  pathProfile: "the profile",
  profileHeader: "the profile header",
  flags: "the profile flags",
  identities: "the identities",
  prefixedRule: "the rule",
  prefix: "the rule prefix",
  fileRule: "the file rule",
  linkRule: "the link rule",
  capabilityRule: "the capability rule",
  networkRule: "the network rule",
  mountRule: "the mount rule",
  remountRule: "the remount rule",
  umountRule: "the umount rule",
  pivotRootRule: "the pivot_root rule",
  dbusRule: "the dbus rule",
  signalRule: "the signal rule",
  ptraceRule: "the ptrace rule",
  unixRule: "the unix rule",
  usernsRule: "the userns rule",
  mqueueRule: "the mqueue rule",
  ioUringRule: "the io_uring rule",
  allRule: "the all rule",
  changeProfileRule: "the change_profile rule",
  access: "the access list",
  accessWord: "the access list",
  condition: "the conditional",
  conditionList: "the conditional list",
  idOrVar: "the rule",
};

function describe(tok: IToken): string {
  if (tok.tokenType === EOF) return "end of file";
  const image = tok.image.length > 40 ? tok.image.slice(0, 37) + "..." : tok.image;
  return `'${image.trim() || image}'`;
}

function label(t: TokenType): string {
  return t.LABEL ?? t.name;
}

function noun(ruleName: string): string {
  return RULE_NOUN[ruleName] ?? ruleName;
}

/** Messages in AppArmor's words: "expected ',' at the end of the file rule", never token names. */
export const errorMessageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, ruleName }) {
    if (expected === T.EndOfRule) {
      return `expected ',' at the end of ${noun(ruleName)}, found ${describe(actual)}`;
    }
    return `expected ${label(expected)} in ${noun(ruleName)}, found ${describe(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    if (firstRedundant.tokenType === T.Close) return "unmatched '}'";
    return `unexpected ${describe(firstRedundant)}`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, ruleName }) {
    const starts = new Set<string>();
    for (const alt of expectedPathsPerAlt) for (const path of alt) if (path[0]) starts.add(label(path[0]));
    const list = [...starts];
    const hint = list.length > 0 && list.length <= 6 ? `; expected ${list.join(", ")}` : "";
    const where = ruleName === "item" || ruleName === "prefixedRule" ? "" : ` in ${noun(ruleName)}`;
    if (actual[0]?.tokenType === EOF) return `unexpected end of file${where}${hint}`;
    return `unexpected ${describe(actual[0]!)}${where}${hint}`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual, ruleName }) {
    const first = expectedIterationPaths[0]?.[0];
    return `expected ${first ? label(first) : "more input"} in ${noun(ruleName)}, found ${describe(actual[0]!)}`;
  },
};

/**
 * Thrown out of the parser once it has found its first syntax error and a few more: what follows a syntax
 * error is mostly echoes of it, and on some inputs Chevrotain's recovery grows quadratically with the
 * length of the broken stretch.
 */
export class ParseAborted extends Error {}

/**
 * Thrown once error recovery has scanned more tokens than a few passes over the input would. Chevrotain's
 * re-sync scans ahead for a token that can follow any rule on the stack, and retries at every level of
 * nesting; a deeply nested block followed by a long run of junk (`{audit ` × 90, then 10,000 commas) made
 * that depth × length. The caller parses again without recovery, which finds the same first error in one pass.
 */
export class RecoveryTooCostly extends Error {}

/** Recovery internals of Chevrotain's parser that its public types do not declare. */
interface RecoveryInternals {
  flattenFollowSet(): TokenType[];
}

/** Errors the parser may report before it gives up on the rest of the input. */
const ERROR_BUDGET = 8;

/** Counts the messages it builds and aborts the parse when the budget is spent. */
function budgeted(provider: IParserErrorMessageProvider, state: { errors: number }): IParserErrorMessageProvider {
  const spend = <T>(build: () => T): T => {
    if (++state.errors > ERROR_BUDGET) throw new ParseAborted();
    return build();
  };
  return {
    buildMismatchTokenMessage: (o) => spend(() => provider.buildMismatchTokenMessage(o)),
    buildNotAllInputParsedMessage: (o) => spend(() => provider.buildNotAllInputParsedMessage(o)),
    buildNoViableAltMessage: (o) => spend(() => provider.buildNoViableAltMessage(o)),
    buildEarlyExitMessage: (o) => spend(() => provider.buildEarlyExitMessage(o)),
  };
}

export class AppArmorParser extends CstParser {
  private readonly budget: { errors: number };
  /** Tokens that recovery may still look at or skip in this parse. */
  private recoveryWork = 0;

  /** With `recovery`, a syntax error still yields the tree around it (at the cost of deeper recursion). */
  constructor(recovery = true) {
    const budget = { errors: 0 };
    super(T.allTokens, {
      recoveryEnabled: recovery,
      maxLookahead: 2,
      lookaheadStrategy: new LazyLookaheadStrategy({ maxLookahead: 2 }),
      nodeLocationTracking: "onlyOffset",
      errorMessageProvider: budgeted(errorMessageProvider, budget),
      // The grammar's own consistency is checked by its tests (test/grammar), not at every start-up.
      skipValidations: !process.env["AAPROF_VALIDATE_GRAMMAR"],
    });
    this.performSelfAnalysis();
    this.budget = budget;
  }

  /** Starts a parse of `tokens` with a fresh error budget. */
  start(tokens: IToken[]): void {
    this.budget.errors = 0;
    this.recoveryWork = 20_000 + 8 * tokens.length;
    this.input = tokens;
  }

  private spendRecovery(units: number): void {
    this.recoveryWork -= units;
    if (this.recoveryWork < 0) throw new RecoveryTooCostly();
  }

  protected override SKIP_TOKEN(): IToken {
    this.spendRecovery(1);
    return super.SKIP_TOKEN();
  }

  /** Chevrotain's own search for a re-sync token, with every token and follow set it looks at paid for. */
  protected findReSyncTokenType(): TokenType {
    const candidates = (this as unknown as RecoveryInternals).flattenFollowSet();
    this.spendRecovery(candidates.length);
    for (let k = 1; ; k++) {
      this.spendRecovery(1 + candidates.length);
      const next = this.LA(k);
      const found = candidates.find((type) => tokenMatcher(next, type));
      if (found) return found;
    }
  }

  file = this.RULE("file", () => {
    this.MANY(() => this.SUBRULE(this.item));
  });

  item = this.RULE("item", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.includeDirective) },
      { ALT: () => this.SUBRULE(this.abiRule) },
      { ALT: () => this.SUBRULE(this.aliasRule) },
      { ALT: () => this.SUBRULE(this.variableAssignment) },
      { ALT: () => this.SUBRULE(this.booleanAssignment) },
      { ALT: () => this.SUBRULE(this.rlimitRule) },
      { ALT: () => this.SUBRULE(this.conditional) },
      { ALT: () => this.SUBRULE(this.hat) },
      { ALT: () => this.SUBRULE(this.childProfile) },
      { ALT: () => this.SUBRULE(this.pathProfile) },
      { ALT: () => this.SUBRULE(this.prefixedRule) },
    ]);
  });

  includeDirective = this.RULE("includeDirective", () => {
    this.CONSUME(T.Include);
  });

  abiRule = this.RULE("abiRule", () => {
    this.CONSUME(T.Abi);
    this.OR([{ ALT: () => this.CONSUME(T.Id) }, { ALT: () => this.CONSUME(T.Value) }]);
    this.CONSUME(T.EndOfRule);
  });

  aliasRule = this.RULE("aliasRule", () => {
    this.CONSUME(T.Alias);
    this.CONSUME(T.Id, { LABEL: "from" });
    this.CONSUME(T.Arrow);
    this.CONSUME2(T.Id, { LABEL: "to" });
    this.CONSUME(T.EndOfRule);
  });

  assignOp = this.RULE("assignOp", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Equals) },
      { ALT: () => this.CONSUME(T.AddAssign) },
      { ALT: () => this.CONSUME(T.CondAssign) },
      { ALT: () => this.CONSUME(T.OverrideAssign) },
    ]);
  });

  variableAssignment = this.RULE("variableAssignment", () => {
    this.CONSUME(T.SetVar);
    this.SUBRULE(this.assignOp);
    this.AT_LEAST_ONE(() => this.CONSUME(T.Value));
  });

  booleanAssignment = this.RULE("booleanAssignment", () => {
    this.CONSUME(T.BoolVar);
    this.SUBRULE(this.assignOp);
    this.SUBRULE(this.expression);
  });

  rlimitRule = this.RULE("rlimitRule", () => {
    this.CONSUME(T.Set);
    this.CONSUME(T.Rlimit);
    this.CONSUME(T.Id, { LABEL: "resource" });
    this.CONSUME(T.Le);
    this.CONSUME(T.Value);
    this.OPTION(() => this.CONSUME2(T.Id, { LABEL: "unit" }));
    this.CONSUME(T.EndOfRule);
  });

  conditional = this.RULE("conditional", () => {
    this.CONSUME(T.If);
    this.SUBRULE(this.expression);
    this.SUBRULE(this.block);
    this.OPTION(() => {
      this.CONSUME(T.Else);
      this.OR([
        { ALT: () => this.SUBRULE2(this.block, { LABEL: "elseBlock" }) },
        { ALT: () => this.SUBRULE(this.conditional, { LABEL: "elseIf" }) },
      ]);
    });
  });

  block = this.RULE("block", () => {
    this.CONSUME(T.Open);
    this.MANY(() => this.SUBRULE(this.item));
    this.CONSUME(T.Close);
  });

  expression = this.RULE("expression", () => {
    this.SUBRULE(this.term);
    this.MANY(() => {
      this.CONSUME(T.Or);
      this.SUBRULE2(this.term);
    });
  });

  term = this.RULE("term", () => {
    this.SUBRULE(this.notFactor);
    this.MANY(() => {
      this.CONSUME(T.And);
      this.SUBRULE2(this.notFactor);
    });
  });

  notFactor = this.RULE("notFactor", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Not);
          this.SUBRULE(this.notFactor);
        },
      },
      { ALT: () => this.SUBRULE(this.factor) },
    ]);
  });

  factor = this.RULE("factor", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.BoolVar) },
      {
        ALT: () => {
          this.CONSUME(T.Defined);
          this.OR2([{ ALT: () => this.CONSUME2(T.SetVar) }, { ALT: () => this.CONSUME2(T.BoolVar) }]);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.OpenParen);
          this.SUBRULE(this.expression);
          this.CONSUME(T.CloseParen);
        },
      },
      {
        ALT: () => {
          this.SUBRULE(this.idOrVar, { LABEL: "left" });
          this.OPTION(() => {
            this.OR3([
              { ALT: () => this.CONSUME(T.EqOp) },
              { ALT: () => this.CONSUME(T.NeOp) },
              { ALT: () => this.CONSUME(T.In) },
              { ALT: () => this.CONSUME(T.Gt) },
              { ALT: () => this.CONSUME(T.Ge) },
              { ALT: () => this.CONSUME(T.Lt) },
              { ALT: () => this.CONSUME(T.Le) },
            ]);
            this.SUBRULE2(this.idOrVar, { LABEL: "right" });
          });
        },
      },
    ]);
  });

  idOrVar = this.RULE("idOrVar", () => {
    this.OR([{ ALT: () => this.CONSUME(T.Id) }, { ALT: () => this.CONSUME(T.SetVar) }]);
  });

  hat = this.RULE("hat", () => {
    this.OR([{ ALT: () => this.CONSUME(T.Caret) }, { ALT: () => this.CONSUME(T.Hat) }]);
    this.SUBRULE(this.profileHeader);
  });

  childProfile = this.RULE("childProfile", () => {
    this.CONSUME(T.Profile);
    this.SUBRULE(this.profileHeader);
  });

  pathProfile = this.RULE("pathProfile", () => {
    this.SUBRULE(this.profileHeader);
  });

  /** profile_base: NAME [ATTACHMENT] [xattrs=(…)] [+ identities=(…)]* [flags] { items } */
  profileHeader = this.RULE("profileHeader", () => {
    this.CONSUME(T.Id, { LABEL: "name" });
    this.OPTION(() => this.SUBRULE(this.idOrVar, { LABEL: "attachment" }));
    this.OPTION2(() => this.SUBRULE(this.conditionList));
    this.MANY(() => this.SUBRULE(this.identities));
    this.OPTION3(() => this.SUBRULE(this.flags));
    this.SUBRULE(this.block);
  });

  identities = this.RULE("identities", () => {
    this.CONSUME(T.Plus);
    this.CONSUME(T.Identities);
    this.CONSUME(T.Equals);
    this.CONSUME(T.OpenParen);
    this.AT_LEAST_ONE(() => this.CONSUME(T.Value));
    this.CONSUME(T.CloseParen);
  });

  flags = this.RULE("flags", () => {
    this.OPTION(() => {
      this.CONSUME(T.Flags);
      this.CONSUME(T.Equals);
    });
    this.CONSUME(T.OpenParen);
    this.AT_LEAST_ONE(() => this.CONSUME(T.Value));
    this.CONSUME(T.CloseParen);
  });

  prefixedRule = this.RULE("prefixedRule", () => {
    this.SUBRULE(this.prefix);
    this.OR([
      { ALT: () => this.SUBRULE(this.block) },
      { ALT: () => this.SUBRULE(this.fileRule) },
      { ALT: () => this.SUBRULE(this.linkRule) },
      { ALT: () => this.SUBRULE(this.capabilityRule) },
      { ALT: () => this.SUBRULE(this.networkRule) },
      { ALT: () => this.SUBRULE(this.mountRule) },
      { ALT: () => this.SUBRULE(this.remountRule) },
      { ALT: () => this.SUBRULE(this.umountRule) },
      { ALT: () => this.SUBRULE(this.pivotRootRule) },
      { ALT: () => this.SUBRULE(this.dbusRule) },
      { ALT: () => this.SUBRULE(this.signalRule) },
      { ALT: () => this.SUBRULE(this.ptraceRule) },
      { ALT: () => this.SUBRULE(this.unixRule) },
      { ALT: () => this.SUBRULE(this.usernsRule) },
      { ALT: () => this.SUBRULE(this.mqueueRule) },
      { ALT: () => this.SUBRULE(this.ioUringRule) },
      { ALT: () => this.SUBRULE(this.allRule) },
      { ALT: () => this.SUBRULE(this.changeProfileRule) },
    ]);
  });

  /** [priority=N] [audit] [allow|deny|prompt] [owner|other], in that order only. */
  prefix = this.RULE("prefix", () => {
    this.OPTION(() => {
      this.CONSUME(T.Priority);
      this.CONSUME(T.Equals);
      this.CONSUME(T.Value);
    });
    this.OPTION2(() => this.CONSUME(T.Audit));
    this.OPTION3(() =>
      this.OR([
        { ALT: () => this.CONSUME(T.Allow) },
        { ALT: () => this.CONSUME(T.Deny) },
        { ALT: () => this.CONSUME(T.Prompt) },
      ]),
    );
    this.OPTION4(() =>
      this.OR2([{ ALT: () => this.CONSUME(T.Owner) }, { ALT: () => this.CONSUME(T.Other) }]),
    );
  });

  fileRule = this.RULE("fileRule", () => {
    this.OR([
      {
        // bare `file,`
        ALT: () => {
          this.CONSUME(T.File, { LABEL: "bareFile" });
          this.CONSUME(T.EndOfRule, { LABEL: "bareEnd" });
        },
      },
      {
        ALT: () => {
          this.OPTION(() => this.CONSUME2(T.File));
          this.OPTION2(() =>
            this.OR2([{ ALT: () => this.CONSUME(T.Safe) }, { ALT: () => this.CONSUME(T.Unsafe) }]),
          );
          this.OR3([
            {
              ALT: () => {
                this.SUBRULE(this.idOrVar, { LABEL: "path" });
                this.CONSUME(T.Mode, { LABEL: "perms" });
              },
            },
            {
              ALT: () => {
                this.CONSUME2(T.Mode, { LABEL: "leadingPerms" });
                this.OPTION3(() => this.CONSUME(T.Subset));
                this.SUBRULE2(this.idOrVar, { LABEL: "leadingPath" });
              },
            },
          ]);
          this.OPTION4(() => {
            this.CONSUME(T.Arrow);
            this.SUBRULE3(this.idOrVar, { LABEL: "target" });
          });
          this.CONSUME2(T.EndOfRule);
        },
      },
    ]);
  });

  linkRule = this.RULE("linkRule", () => {
    this.CONSUME(T.Link);
    this.OPTION(() => this.CONSUME(T.Subset));
    this.SUBRULE(this.idOrVar, { LABEL: "path" });
    this.CONSUME(T.Arrow);
    this.SUBRULE2(this.idOrVar, { LABEL: "target" });
    this.CONSUME(T.EndOfRule);
  });

  capabilityRule = this.RULE("capabilityRule", () => {
    this.CONSUME(T.Capability);
    this.MANY(() => this.CONSUME(T.Id));
    this.CONSUME(T.EndOfRule);
  });

  /** network [access] [domain [type|protocol]] [conds] [peer=(…)] , */
  networkRule = this.RULE("networkRule", () => {
    this.CONSUME(T.Network);
    this.OPTION(() => this.SUBRULE(this.access));
    this.OPTION2(() => {
      this.CONSUME(T.Id, { LABEL: "domain" });
      this.OPTION3(() => this.CONSUME2(T.Id, { LABEL: "kind" }));
    });
    this.MANY(() => this.SUBRULE(this.condition));
    this.OPTION4(() => this.SUBRULE(this.conditionList));
    this.CONSUME(T.EndOfRule);
  });

  mountRule = this.RULE("mountRule", () => {
    this.CONSUME(T.Mount);
    this.MANY(() => this.SUBRULE(this.condition));
    this.OPTION(() => this.CONSUME(T.Id, { LABEL: "source" }));
    this.OPTION2(() => {
      this.CONSUME(T.Arrow);
      this.MANY2(() => this.SUBRULE2(this.condition, { LABEL: "destConditions" }));
      this.CONSUME2(T.Id, { LABEL: "dest" });
    });
    this.CONSUME(T.EndOfRule);
  });

  remountRule = this.RULE("remountRule", () => {
    this.CONSUME(T.Remount);
    this.MANY(() => this.SUBRULE(this.condition));
    this.OPTION(() => this.CONSUME(T.Id, { LABEL: "mountpoint" }));
    this.CONSUME(T.EndOfRule);
  });

  umountRule = this.RULE("umountRule", () => {
    this.CONSUME(T.Umount);
    this.MANY(() => this.SUBRULE(this.condition));
    this.OPTION(() => this.CONSUME(T.Id, { LABEL: "mountpoint" }));
    this.CONSUME(T.EndOfRule);
  });

  pivotRootRule = this.RULE("pivotRootRule", () => {
    this.CONSUME(T.PivotRoot);
    this.MANY(() => this.SUBRULE(this.condition));
    this.OPTION(() => this.CONSUME(T.Id, { LABEL: "newRoot" }));
    this.OPTION2(() => {
      this.CONSUME(T.Arrow);
      this.SUBRULE(this.idOrVar, { LABEL: "target" });
    });
    this.CONSUME(T.EndOfRule);
  });

  dbusRule = this.RULE("dbusRule", () => {
    this.CONSUME(T.Dbus);
    this.OPTION(() => this.SUBRULE(this.access));
    this.MANY(() => this.SUBRULE(this.condition));
    this.OPTION2(() => this.SUBRULE(this.conditionList));
    this.CONSUME(T.EndOfRule);
  });

  signalRule = this.RULE("signalRule", () => {
    this.CONSUME(T.Signal);
    this.OPTION(() => this.SUBRULE(this.access));
    this.MANY(() => this.SUBRULE(this.condition));
    this.CONSUME(T.EndOfRule);
  });

  ptraceRule = this.RULE("ptraceRule", () => {
    this.CONSUME(T.Ptrace);
    this.OPTION(() => this.SUBRULE(this.access));
    this.MANY(() => this.SUBRULE(this.condition));
    this.CONSUME(T.EndOfRule);
  });

  unixRule = this.RULE("unixRule", () => {
    this.CONSUME(T.Unix);
    this.OPTION(() => this.SUBRULE(this.access));
    this.MANY(() => this.SUBRULE(this.condition));
    this.OPTION2(() => this.SUBRULE(this.conditionList));
    this.CONSUME(T.EndOfRule);
  });

  usernsRule = this.RULE("usernsRule", () => {
    this.CONSUME(T.Userns);
    this.OPTION(() => this.SUBRULE(this.access));
    this.MANY(() => this.SUBRULE(this.condition));
    this.CONSUME(T.EndOfRule);
  });

  mqueueRule = this.RULE("mqueueRule", () => {
    this.CONSUME(T.Mqueue);
    this.OPTION(() => this.SUBRULE(this.access));
    this.MANY(() => this.SUBRULE(this.condition));
    this.OPTION2(() => this.CONSUME(T.Id, { LABEL: "name" }));
    this.CONSUME(T.EndOfRule);
  });

  ioUringRule = this.RULE("ioUringRule", () => {
    this.CONSUME(T.IoUring);
    this.OPTION(() => this.SUBRULE(this.access));
    this.MANY(() => this.SUBRULE(this.condition));
    this.OPTION2(() => this.SUBRULE(this.conditionList));
    this.CONSUME(T.EndOfRule);
  });

  allRule = this.RULE("allRule", () => {
    this.CONSUME(T.All);
    this.CONSUME(T.EndOfRule);
  });

  changeProfileRule = this.RULE("changeProfileRule", () => {
    this.CONSUME(T.ChangeProfile);
    this.OPTION(() =>
      this.OR([{ ALT: () => this.CONSUME(T.Safe) }, { ALT: () => this.CONSUME(T.Unsafe) }]),
    );
    this.OPTION2(() => this.CONSUME(T.Id, { LABEL: "exec" }));
    this.OPTION3(() => {
      this.CONSUME(T.Arrow);
      this.SUBRULE(this.idOrVar, { LABEL: "target" });
    });
    this.CONSUME(T.EndOfRule);
  });

  /**
   * The access part of a typed rule: one word or a parenthesised list. Which words a rule kind takes is a
   * check, not grammar, except that the scanner only turns some words into keywords inside some rules.
   */
  access = this.RULE("access", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.OpenParen);
          this.MANY(() => this.SUBRULE(this.accessWord));
          this.CONSUME(T.CloseParen);
        },
      },
      { ALT: () => this.SUBRULE2(this.accessWord) },
    ]);
  });

  accessWord = this.RULE("accessWord", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Value) },
      { ALT: () => this.CONSUME(T.Mode) },
      { ALT: () => this.CONSUME(T.Create) },
      { ALT: () => this.CONSUME(T.Shutdown) },
      { ALT: () => this.CONSUME(T.Accept) },
      { ALT: () => this.CONSUME(T.Connect) },
      { ALT: () => this.CONSUME(T.Listen) },
      { ALT: () => this.CONSUME(T.Setopt) },
      { ALT: () => this.CONSUME(T.Getopt) },
      { ALT: () => this.CONSUME(T.Setattr) },
      { ALT: () => this.CONSUME(T.Getattr) },
      { ALT: () => this.CONSUME(T.Send) },
      { ALT: () => this.CONSUME(T.Receive) },
      { ALT: () => this.CONSUME(T.Bind) },
      { ALT: () => this.CONSUME(T.Read) },
      { ALT: () => this.CONSUME(T.Write) },
      { ALT: () => this.CONSUME(T.Eavesdrop) },
      { ALT: () => this.CONSUME(T.Trace) },
      { ALT: () => this.CONSUME(T.Tracedby) },
      { ALT: () => this.CONSUME(T.Readby) },
      { ALT: () => this.CONSUME(T.OpenAccess) },
      { ALT: () => this.CONSUME(T.Delete) },
      { ALT: () => this.CONSUME(T.OverrideCreds) },
      { ALT: () => this.CONSUME(T.Sqpoll) },
    ]);
  });

  /** name | name=value | name=(v …) | name in (v …) */
  condition = this.RULE("condition", () => {
    this.CONSUME(T.CondId);
    this.OPTION(() =>
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.Equals);
            this.OR2([
              { ALT: () => this.CONSUME(T.Value) },
              {
                ALT: () => {
                  this.CONSUME(T.OpenParen);
                  this.AT_LEAST_ONE(() => this.CONSUME2(T.Value));
                  this.CONSUME(T.CloseParen);
                },
              },
            ]);
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.In);
            this.CONSUME2(T.OpenParen);
            this.AT_LEAST_ONE2(() => this.CONSUME3(T.Value));
            this.CONSUME2(T.CloseParen);
          },
        },
      ]),
    );
  });

  /** peer=( … ) and xattrs=( … ) */
  conditionList = this.RULE("conditionList", () => {
    this.CONSUME(T.CondListId);
    this.CONSUME(T.Equals);
    this.CONSUME(T.OpenParen);
    this.MANY(() => this.SUBRULE(this.condition));
    this.CONSUME(T.CloseParen);
  });
}
