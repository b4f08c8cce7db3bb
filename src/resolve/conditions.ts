/**
 * Compile-time evaluation of `if` conditions and boolean assignments (upstream cond_expr.cc).
 *
 * Upstream evaluates every factor while parsing, so there is no short-circuit: an error anywhere in a
 * condition is an error even if the result would not depend on it. This evaluator visits every operand too.
 */
import type { Expression, Operand, Range } from "../ast/nodes.js";
import { ExpansionError, type SymbolTable, variableName } from "./variables.js";

export interface ConditionError {
  message: string;
  range: Range;
}

export class ConditionEvaluator {
  readonly errors: ConditionError[] = [];

  constructor(private readonly symbols: SymbolTable) {}

  evaluate(e: Expression): boolean {
    switch (e.type) {
      case "GroupExpression":
        return this.evaluate(e.expression);
      case "NotExpression":
        return !this.evaluate(e.operand);
      case "LogicalExpression": {
        const l = this.evaluate(e.left);
        const r = this.evaluate(e.right);
        return e.operator === "and" ? l && r : l || r;
      }
      case "BooleanReference": {
        const sym = this.symbols.get(e.name);
        if (!sym || sym.kind !== "boolean") {
          this.errors.push({ message: `Unset boolean variable ${e.raw} used in if-expression`, range: e.range });
          return false;
        }
        return sym.value;
      }
      case "DefinedTest": {
        const sym = this.symbols.get(variableName(e.variable));
        return sym?.kind === "set";
      }
      case "ValueTest": {
        const v = booleanWord(e.operand.value);
        if (v === null) {
          this.errors.push({ message: `Invalid boolean : '${e.operand.raw}' is not true or false`, range: e.range });
          return false;
        }
        return v;
      }
      case "Comparison": {
        const l = this.operandSet(e.left);
        const r = this.operandSet(e.right);
        if (!l || !r) return false;
        return this.compare(e.operator, l, r, e.range);
      }
    }
  }

  private operandSet(o: Operand): string[] | null {
    const raw = o.raw;
    const variableShaped = raw.startsWith("@") && (!raw.startsWith("@{") || raw.endsWith("}"));
    if (!o.variable && !variableShaped) return [o.value];
    const name = variableName(raw);
    const sym = this.symbols.get(name);
    if (!sym) {
      this.errors.push({ message: `Error retrieving variable ${raw}`, range: o.range });
      return null;
    }
    try {
      return this.symbols.values(name);
    } catch (err) {
      const message = err instanceof ExpansionError ? err.message : String(err);
      this.errors.push({ message, range: o.range });
      return null;
    }
  }

  private compare(op: string, l: string[], r: string[], range: Range): boolean {
    switch (op) {
      case "==":
        return sameSet(l, r);
      case "!=":
        return !sameSet(l, r);
      case "in":
        return l.every((x) => r.includes(x));
    }
    const ln = asNumber(l);
    const rn = asNumber(r);
    if ((ln === null) !== (rn === null)) {
      this.errors.push({ message: "Can only compare numbers with numbers", range });
      return false;
    }
    const overflow = ln === "overflow" || rn === "overflow";
    if (overflow) {
      this.errors.push({ message: "Value out of valid range", range });
      return false;
    }
    const c = ln !== null && rn !== null ? compareBig(ln as bigint, rn as bigint) : compareSets(l, r);
    switch (op) {
      case ">": return c > 0;
      case ">=": return c >= 0;
      case "<": return c < 0;
      default: return c <= 0;
    }
  }
}

/** `true`/`false` in any case, or null. */
export function booleanWord(s: string): boolean | null {
  const l = s.toLowerCase();
  return l === "true" ? true : l === "false" ? false : null;
}

function sameSet(a: string[], b: string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

/** A one-element set whose element C strtol(…, 0) reads completely, as a number; else null. */
function asNumber(set: string[]): bigint | "overflow" | null {
  if (set.length !== 1) return null;
  const m = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(set[0]!);
  if (!m) return null;
  const digits = m[2]!;
  let v: bigint;
  if (/^0[xX]/.test(digits)) v = BigInt(digits);
  else if (digits.startsWith("0") && digits.length > 1) v = BigInt("0o" + digits.slice(1));
  else v = BigInt(digits);
  if (m[1] === "-") v = -v;
  if (v > INT64_MAX || v < INT64_MIN) return "overflow";
  return v;
}

function compareBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareSets(a: string[], b: string[]): number {
  const sa = [...new Set(a)].sort();
  const sb = [...new Set(b)].sort();
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    if (sa[i]! < sb[i]!) return -1;
    if (sa[i]! > sb[i]!) return 1;
  }
  return sa.length - sb.length;
}
