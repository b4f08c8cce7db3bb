/**
 * CST → AST. Walks the concrete syntax tree of grammar/parser.ts and builds the typed nodes of ./nodes.ts.
 *
 * The parser recovers from errors, so any child may be missing from a recovered node; the builder returns
 * null for what it cannot build rather than guessing.
 */
import type { CstNode, IToken } from "chevrotain";
import type * as C from "../../grammar/cst.js";
import type { IncludePayload } from "../../grammar/lexer.js";
import { processId } from "../../grammar/strings.js";
import type * as A from "./nodes.js";
import type { LineIndex } from "../source/source.js";

export function tokenRange(t: IToken): A.Range {
  return {
    start: { offset: t.startOffset, line: t.startLine ?? 1, column: t.startColumn ?? 1 },
    end: { offset: (t.endOffset ?? t.startOffset) + 1, line: t.endLine ?? 1, column: (t.endColumn ?? 1) + 1 },
  };
}

export function spanRange(from: A.Range, to: A.Range): A.Range {
  return { start: from.start, end: to.end };
}

/**
 * A CST node's range. The parser tracks offsets only (line and column on every node cost a fifth of the
 * parse on large files): lines and columns come from the text's line index.
 */
function nodeRange(n: CstNode, lines: LineIndex): A.Range | null {
  const l = n.location;
  if (!l || Number.isNaN(l.startOffset) || l.endOffset === undefined || Number.isNaN(l.endOffset)) return null;
  return lines.range(l.startOffset, l.endOffset + 1);
}

function first<T>(xs: T[] | undefined): T | undefined {
  return xs?.[0];
}

function word(t: IToken): A.Word {
  return { value: processId(t.image), raw: t.image, quoted: t.image.startsWith('"'), range: tokenRange(t) };
}

/** The file name of an include or abi rule, as upstream reads it: `<…>` stripped, trimmed, unquoted. */
export function fileName(raw: string): { path: string; magic: boolean } {
  const magic = raw.startsWith("<");
  const inner = magic ? raw.slice(1, -1) : raw;
  return { path: processId(inner.trim()), magic };
}

function variableName(raw: string): string {
  // @{name}, @name, ${name}, $name
  const body = raw.slice(1);
  return body.startsWith("{") ? body.slice(1, -1) : body;
}

export class AstBuilder {
  constructor(private readonly lines: LineIndex) {}

  /** `cst` is undefined when a parse without error recovery failed. */
  file(cst: C.FileCstNode | undefined, comments: A.Comment[], length: number, endPos: A.Position): A.File {
    return {
      type: "File",
      body: this.items(cst?.children.item),
      comments,
      range: { start: { offset: 0, line: 1, column: 1 }, end: { ...endPos, offset: length } },
    };
  }

  private items(items: C.ItemCstNode[] | undefined): A.Item[] {
    const out: A.Item[] = [];
    for (const it of items ?? []) {
      const node = this.item(it);
      if (node) out.push(node);
    }
    return out;
  }

  private item(n: C.ItemCstNode): A.Item | null {
    const c = n.children;
    if (c.includeDirective) return this.include(c.includeDirective[0]!);
    if (c.abiRule) return this.abi(c.abiRule[0]!);
    if (c.aliasRule) return this.alias(c.aliasRule[0]!);
    if (c.variableAssignment) return this.variableAssignment(c.variableAssignment[0]!);
    if (c.booleanAssignment) return this.booleanAssignment(c.booleanAssignment[0]!);
    if (c.rlimitRule) return this.rlimit(c.rlimitRule[0]!);
    if (c.conditional) return this.conditional(c.conditional[0]!);
    if (c.hat) {
      const h = c.hat[0]!;
      const kw = first(h.children.Caret) ?? first(h.children.Hat);
      return this.profile(first(h.children.profileHeader), kw, first(h.children.Caret) ? "^" : "hat");
    }
    if (c.childProfile) {
      const p = c.childProfile[0]!;
      return this.profile(first(p.children.profileHeader), first(p.children.Profile), "profile");
    }
    if (c.pathProfile) return this.profile(first(c.pathProfile[0]!.children.profileHeader), undefined, null);
    if (c.prefixedRule) return this.prefixedRule(c.prefixedRule[0]!);
    return null;
  }

  private include(n: C.IncludeDirectiveCstNode): A.IncludeDirective | null {
    const t = first(n.children.Include);
    if (!t) return null;
    const payload = t.payload as IncludePayload;
    const { path, magic } = fileName(payload.raw);
    const range = tokenRange(t);
    const nameStart = t.startOffset + t.image.length - payload.raw.length;
    const kind: A.IncludeKind = magic ? "magic" : payload.raw.startsWith('"') ? "quoted" : "bare";
    return {
      type: "IncludeDirective",
      path,
      kind,
      ifExists: payload.ifExists,
      legacy: payload.legacy,
      pathRange: {
        start: this.positionAt(t, nameStart),
        end: range.end,
      },
      range,
    };
  }

  /** Position of an offset inside a single-line token (include names never span lines after the keyword). */
  private positionAt(t: IToken, offset: number): A.Position {
    const text = t.image.slice(0, offset - t.startOffset);
    const nl = text.lastIndexOf("\n");
    if (nl === -1) return { offset, line: t.startLine ?? 1, column: (t.startColumn ?? 1) + text.length };
    const lines = text.split("\n").length - 1;
    return { offset, line: (t.startLine ?? 1) + lines, column: text.length - nl };
  }

  private abi(n: C.AbiRuleCstNode): A.AbiRule | null {
    const t = first(n.children.Id) ?? first(n.children.Value);
    const range = nodeRange(n, this.lines);
    if (!t || !range) return null;
    const { path, magic } = fileName(t.image);
    return { type: "AbiRule", path: { ...word(t), value: path }, magic, range };
  }

  private alias(n: C.AliasRuleCstNode): A.AliasRule | null {
    const from = first(n.children.from);
    const to = first(n.children.to);
    const range = nodeRange(n, this.lines);
    if (!from || !to || !range) return null;
    return { type: "AliasRule", from: word(from), to: word(to), range };
  }

  private assignOp(n: C.AssignOpCstNode | undefined): A.AssignOperator {
    const c = n?.children;
    if (c?.AddAssign) return "+=";
    if (c?.CondAssign) return "?=";
    if (c?.OverrideAssign) return ":=";
    return "=";
  }

  private variableAssignment(n: C.VariableAssignmentCstNode): A.VariableAssignment | null {
    const v = first(n.children.SetVar);
    const range = nodeRange(n, this.lines);
    if (!v || !range) return null;
    return {
      type: "VariableAssignment",
      name: variableName(v.image),
      nameRange: tokenRange(v),
      rawName: v.image,
      operator: this.assignOp(first(n.children.assignOp)),
      values: (n.children.Value ?? []).map(word),
      range,
    };
  }

  private booleanAssignment(n: C.BooleanAssignmentCstNode): A.BooleanAssignment | null {
    const v = first(n.children.BoolVar);
    const e = first(n.children.expression);
    const range = nodeRange(n, this.lines);
    const value = e ? this.expression(e) : null;
    if (!v || !range || !value) return null;
    return {
      type: "BooleanAssignment",
      name: variableName(v.image),
      nameRange: tokenRange(v),
      rawName: v.image,
      operator: this.assignOp(first(n.children.assignOp)),
      value,
      range,
    };
  }

  private rlimit(n: C.RlimitRuleCstNode): A.RlimitRule | null {
    const res = first(n.children.resource);
    const val = first(n.children.Value);
    const range = nodeRange(n, this.lines);
    if (!res || !val || !range) return null;
    const unit = first(n.children.unit);
    return { type: "RlimitRule", resource: word(res), value: word(val), unit: unit ? word(unit) : null, range };
  }

  private conditional(n: C.ConditionalCstNode): A.ConditionalBlock | null {
    const range = nodeRange(n, this.lines);
    const branches: A.ConditionalBranch[] = [];
    let cur: C.ConditionalCstNode | undefined = n;
    while (cur) {
      const c: C.ConditionalCstChildren = cur.children;
      const e = first(c.expression);
      const b = first(c.block);
      const condition = e ? this.expression(e) : null;
      const curRange = nodeRange(cur, this.lines);
      if (!condition || !b || !curRange) break;
      const body = this.block(b);
      branches.push({ condition, body: body.items, bodyRange: body.range ?? curRange, range: curRange });
      const elseBlock = first(c.elseBlock);
      if (elseBlock) {
        const eb = this.block(elseBlock);
        const r = eb.range ?? curRange;
        const elseTok = first(c.Else);
        branches.push({
          condition: null, body: eb.items, bodyRange: r,
          range: elseTok ? spanRange(tokenRange(elseTok), r) : r,
        });
      }
      cur = first(c.elseIf);
    }
    if (!range || branches.length === 0) return null;
    return { type: "ConditionalBlock", branches, range };
  }

  private block(n: C.BlockCstNode): { items: A.Item[]; range: A.Range | null } {
    return { items: this.items(n.children.item), range: nodeRange(n, this.lines) };
  }

  // -------------------------------------------------------------------------------------------------------
  // Expressions

  private expression(n: C.ExpressionCstNode): A.Expression | null {
    const terms = (n.children.term ?? []).map((t) => this.term(t));
    return this.foldLogical(terms, "or");
  }

  private term(n: C.TermCstNode): A.Expression | null {
    const factors = (n.children.notFactor ?? []).map((f) => this.notFactor(f));
    return this.foldLogical(factors, "and");
  }

  /** Left-associative, as in upstream's grammar. */
  private foldLogical(parts: (A.Expression | null)[], operator: "and" | "or"): A.Expression | null {
    if (parts.length === 0 || parts.some((p) => p === null)) return null;
    let acc = parts[0]!;
    for (const p of parts.slice(1)) {
      acc = { type: "LogicalExpression", operator, left: acc, right: p!, range: spanRange(acc.range, p!.range) };
    }
    return acc;
  }

  private notFactor(n: C.NotFactorCstNode): A.Expression | null {
    const c = n.children;
    const range = nodeRange(n, this.lines);
    if (c.Not) {
      const inner = first(c.notFactor);
      const operand = inner ? this.notFactor(inner) : null;
      if (!operand || !range) return null;
      return { type: "NotExpression", operand, range };
    }
    const f = first(c.factor);
    return f ? this.factor(f) : null;
  }

  private factor(n: C.FactorCstNode): A.Expression | null {
    const c = n.children;
    const range = nodeRange(n, this.lines);
    if (!range) return null;
    if (c.Defined) {
      const v = first(c.SetVar) ?? first(c.BoolVar);
      if (!v) return null;
      return { type: "DefinedTest", variable: v.image, variableKind: c.SetVar ? "set" : "boolean", range };
    }
    if (c.BoolVar) {
      const v = c.BoolVar[0]!;
      return { type: "BooleanReference", name: variableName(v.image), raw: v.image, range };
    }
    if (c.OpenParen) {
      const e = first(c.expression);
      const inner = e ? this.expression(e) : null;
      return inner ? { type: "GroupExpression", expression: inner, range } : null;
    }
    const left = this.operand(first(c.left));
    if (!left) return null;
    const op: A.ComparisonOperator | null = c.EqOp ? "==" : c.NeOp ? "!=" : c.In ? "in" : c.Gt ? ">"
      : c.Ge ? ">=" : c.Lt ? "<" : c.Le ? "<=" : null;
    if (!op) return { type: "ValueTest", operand: left, range };
    const right = this.operand(first(c.right));
    if (!right) return null;
    return { type: "Comparison", operator: op, left, right, range };
  }

  private operand(n: C.IdOrVarCstNode | undefined): A.Operand | null {
    const w = this.idOrVar(n);
    return w ? { ...w, variable: !!n?.children.SetVar } : null;
  }

  private idOrVar(n: C.IdOrVarCstNode | undefined): A.Word | null {
    if (!n) return null;
    const id = first(n.children.Id);
    if (id) return word(id);
    const v = first(n.children.SetVar);
    if (v) return { value: v.image, raw: v.image, quoted: false, range: tokenRange(v) };
    return null;
  }

  // -------------------------------------------------------------------------------------------------------
  // Profiles

  private profile(
    n: C.ProfileHeaderCstNode | undefined,
    keywordToken: IToken | undefined,
    keyword: A.ProfileKeyword,
  ): A.Profile | null {
    if (!n) return null;
    const c = n.children;
    const nameTok = first(c.name);
    const blockNode = first(c.block);
    const headerRange = nodeRange(n, this.lines);
    if (!nameTok || !blockNode || !headerRange) return null;
    const body = this.block(blockNode);
    const flagsNode = first(c.flags);
    const xattrsNode = first(c.conditionList);
    return {
      type: "Profile",
      keyword,
      name: word(nameTok),
      attachment: this.idOrVar(first(c.attachment)),
      xattrs: xattrsNode ? this.conditionList(xattrsNode) : null,
      identities: (c.identities ?? []).flatMap((i) => {
        const r = nodeRange(i, this.lines);
        return r ? [{ values: (i.children.Value ?? []).map(word), range: r }] : [];
      }),
      flags: flagsNode ? this.flags(flagsNode) : null,
      body: body.items,
      bodyRange: body.range ?? headerRange,
      range: keywordToken ? spanRange(tokenRange(keywordToken), headerRange) : headerRange,
    };
  }

  private flags(n: C.FlagsCstNode): A.Flags | null {
    const range = nodeRange(n, this.lines);
    if (!range) return null;
    return { keyword: !!n.children.Flags, values: (n.children.Value ?? []).map(word), range };
  }

  // -------------------------------------------------------------------------------------------------------
  // Rules

  private prefix(n: C.PrefixCstNode | undefined): A.Prefix {
    const c = n?.children;
    const priorityValue = first(c?.Value);
    const auditTok = first(c?.Audit);
    const modeTok = first(c?.Allow) ?? first(c?.Deny) ?? first(c?.Prompt);
    const ownerTok = first(c?.Owner) ?? first(c?.Other);
    return {
      priority: priorityValue ? word(priorityValue) : null,
      audit: !!auditTok,
      mode: c?.Allow ? "allow" : c?.Deny ? "deny" : c?.Prompt ? "prompt" : null,
      owner: c?.Owner ? "owner" : c?.Other ? "other" : null,
      auditRange: auditTok ? tokenRange(auditTok) : null,
      modeRange: modeTok ? tokenRange(modeTok) : null,
      ownerRange: ownerTok ? tokenRange(ownerTok) : null,
      range: n ? nodeRange(n, this.lines) : null,
    };
  }

  private prefixedRule(n: C.PrefixedRuleCstNode): A.Item | null {
    const c = n.children;
    const prefix = this.prefix(first(c.prefix));
    const range = nodeRange(n, this.lines);
    if (!range) return null;
    if (c.block) {
      const b = this.block(c.block[0]!);
      return { type: "RuleBlock", prefix, body: b.items, bodyRange: b.range ?? range, range };
    }
    if (c.fileRule) return this.fileRule(c.fileRule[0]!, prefix, range);
    if (c.linkRule) {
      const l = c.linkRule[0]!.children;
      const path = this.idOrVar(first(l.path));
      const target = this.idOrVar(first(l.target));
      if (!path || !target) return null;
      return { type: "LinkRule", prefix, subset: !!l.Subset, path, target, range };
    }
    if (c.capabilityRule) {
      return { type: "CapabilityRule", prefix, names: (c.capabilityRule[0]!.children.Id ?? []).map(word), range };
    }
    if (c.networkRule) {
      const r = c.networkRule[0]!.children;
      const domain = first(r.domain);
      const kind = first(r.kind);
      return {
        type: "NetworkRule", prefix, access: this.access(first(r.access)),
        domain: domain ? word(domain) : null, kind: kind ? word(kind) : null,
        conditions: this.conditions(r.condition), peer: this.optConditionList(r.conditionList), range,
      };
    }
    if (c.unixRule) {
      const r = c.unixRule[0]!.children;
      return {
        type: "UnixRule", prefix, access: this.access(first(r.access)), conditions: this.conditions(r.condition),
        peer: this.optConditionList(r.conditionList), range,
      };
    }
    if (c.dbusRule) {
      const r = c.dbusRule[0]!.children;
      return {
        type: "DbusRule", prefix, access: this.access(first(r.access)), conditions: this.conditions(r.condition),
        peer: this.optConditionList(r.conditionList), range,
      };
    }
    if (c.signalRule) {
      const r = c.signalRule[0]!.children;
      return {
        type: "SignalRule", prefix, access: this.access(first(r.access)),
        conditions: this.conditions(r.condition), range,
      };
    }
    if (c.ptraceRule) {
      const r = c.ptraceRule[0]!.children;
      return {
        type: "PtraceRule", prefix, access: this.access(first(r.access)),
        conditions: this.conditions(r.condition), range,
      };
    }
    if (c.usernsRule) {
      const r = c.usernsRule[0]!.children;
      return {
        type: "UsernsRule", prefix, access: this.access(first(r.access)),
        conditions: this.conditions(r.condition), range,
      };
    }
    if (c.mqueueRule) {
      const r = c.mqueueRule[0]!.children;
      const name = first(r.name);
      return {
        type: "MqueueRule", prefix, access: this.access(first(r.access)), conditions: this.conditions(r.condition),
        name: name ? word(name) : null, range,
      };
    }
    if (c.ioUringRule) {
      const r = c.ioUringRule[0]!.children;
      return {
        type: "IoUringRule", prefix, access: this.access(first(r.access)), conditions: this.conditions(r.condition),
        conditionList: this.optConditionList(r.conditionList), range,
      };
    }
    if (c.allRule) return { type: "AllRule", prefix, range };
    if (c.mountRule) {
      const r = c.mountRule[0]!.children;
      const source = first(r.source);
      const dest = first(r.dest);
      return {
        type: "MountRule", prefix, conditions: this.conditions(r.condition), source: source ? word(source) : null,
        destConditions: this.conditions(r.destConditions), mountpoint: dest ? word(dest) : null, range,
      };
    }
    if (c.remountRule || c.umountRule) {
      const r = (c.remountRule ?? c.umountRule)![0]!.children;
      const mp = first(r.mountpoint);
      return {
        type: c.remountRule ? "RemountRule" : "UmountRule", prefix, conditions: this.conditions(r.condition),
        mountpoint: mp ? word(mp) : null, range,
      };
    }
    if (c.pivotRootRule) {
      const r = c.pivotRootRule[0]!.children;
      const nr = first(r.newRoot);
      return {
        type: "PivotRootRule", prefix, conditions: this.conditions(r.condition), newRoot: nr ? word(nr) : null,
        target: this.idOrVar(first(r.target)), range,
      };
    }
    if (c.changeProfileRule) {
      const r = c.changeProfileRule[0]!.children;
      const exec = first(r.exec);
      const safetyTok = first(r.Safe) ?? first(r.Unsafe);
      return {
        type: "ChangeProfileRule", prefix, safety: r.Safe ? "safe" : r.Unsafe ? "unsafe" : null,
        safetyRange: safetyTok ? tokenRange(safetyTok) : null, exec: exec ? word(exec) : null,
        target: this.idOrVar(first(r.target)), range,
      };
    }
    return null;
  }

  private fileRule(n: C.FileRuleCstNode, prefix: A.Prefix, range: A.Range): A.FileRule | null {
    const c = n.children;
    if (c.bareFile) {
      return {
        type: "FileRule", prefix, fileKeyword: true, bare: true, safety: null, safetyRange: null, path: null,
        permissions: null, leadingPermissions: false, subset: false, target: null, range,
      };
    }
    const leading = !!c.leadingPerms;
    const path = this.idOrVar(first(leading ? c.leadingPath : c.path));
    const permsTok = first(leading ? c.leadingPerms : c.perms);
    if (!path || !permsTok) return null;
    const safetyTok = first(c.Safe) ?? first(c.Unsafe);
    return {
      type: "FileRule",
      prefix,
      fileKeyword: !!c.File,
      bare: false,
      safety: c.Safe ? "safe" : c.Unsafe ? "unsafe" : null,
      safetyRange: safetyTok ? tokenRange(safetyTok) : null,
      path,
      permissions: { value: permsTok.image, raw: permsTok.image, quoted: false, range: tokenRange(permsTok) },
      leadingPermissions: leading,
      subset: !!c.Subset,
      target: this.idOrVar(first(c.target)),
      range,
    };
  }

  private access(n: C.AccessCstNode | undefined): A.Access | null {
    if (!n) return null;
    const range = nodeRange(n, this.lines);
    if (!range) return null;
    const words: A.AccessWord[] = [];
    for (const w of n.children.accessWord ?? []) {
      const c = w.children as Record<string, IToken[] | undefined>;
      for (const [name, toks] of Object.entries(c)) {
        const t = toks?.[0];
        if (!t) continue;
        const kind: A.AccessWordKind = name === "Value" ? "value" : name === "Mode" ? "mode" : "keyword";
        words.push({ ...word(t), kind });
      }
    }
    return { words, parenthesized: !!n.children.OpenParen, range };
  }

  private conditions(ns: C.ConditionCstNode[] | undefined): A.Condition[] {
    const out: A.Condition[] = [];
    for (const n of ns ?? []) {
      const c = n.children;
      const nameTok = first(c.CondId);
      const range = nodeRange(n, this.lines);
      const operator = c.Equals ? "=" : c.In ? "in" : null;
      const values = (c.Value ?? []).map(word);
      // `name=` with no value only comes out of error recovery (the syntax error is reported): leave it out,
      // so that later phases see only conditions the grammar can produce.
      if (!nameTok || !range || (operator && !values.length)) continue;
      out.push({
        name: word(nameTok),
        operator,
        values,
        parenthesized: !!c.OpenParen,
        range,
      });
    }
    return out;
  }

  private optConditionList(ns: C.ConditionListCstNode[] | undefined): A.ConditionList | null {
    const n = first(ns);
    return n ? this.conditionList(n) : null;
  }

  private conditionList(n: C.ConditionListCstNode): A.ConditionList | null {
    const id = first(n.children.CondListId);
    const range = nodeRange(n, this.lines);
    if (!id || !range) return null;
    return { name: id.image, conditions: this.conditions(n.children.condition), range };
  }
}
