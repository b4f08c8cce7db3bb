/**
 * Variables: the symbol table the preamble builds, and expansion of `@{NAME}` references the way upstream's
 * variable.cc does it (a reference becomes an alternation `{v1,v2}` of the variable's values, in byte order,
 * with slashes trimmed where the reference meets a '/').
 *
 * Set variables and booleans share one namespace, as upstream's symtab does.
 */

import { stripTrailingSlashes } from "./includes.js";

export type Symbol = { kind: "set"; values: string[] } | { kind: "boolean"; value: boolean };

export class ExpansionError extends Error {
  constructor(message: string, readonly variable?: string) {
    super(message);
  }
}

/** Bounds expansion so that variables whose alternatives multiply cannot exhaust memory. */
export const MAX_EXPANDED_LENGTH = 1_000_000;
export const MAX_VALUES = 100_000;

const NAME_OK = /^[A-Za-z][A-Za-z0-9_]*$/;

export class SymbolTable {
  private readonly symbols = new Map<string, Symbol>();
  /** Expanded values of set variables, computed on first use. */
  private readonly expanded = new Map<string, string[]>();
  /** Expanded fields by text: the rules of shared abstractions come back for every profile. */
  private readonly fields = new Map<string, string>();

  get(name: string): Symbol | undefined {
    return this.symbols.get(name);
  }

  has(name: string): boolean {
    return this.symbols.has(name);
  }

  set(name: string, symbol: Symbol): void {
    this.symbols.set(name, symbol);
    this.expanded.clear();
    this.fields.clear();
  }

  delete(name: string): void {
    this.symbols.delete(name);
    this.expanded.clear();
    this.fields.clear();
  }

  names(): IterableIterator<string> {
    return this.symbols.keys();
  }

  /** A copy with extra (built-in) set variables, for one profile's expansion. */
  withBuiltins(builtins: Map<string, string[]>): SymbolTable {
    const t = new SymbolTable();
    for (const [k, v] of this.symbols) t.symbols.set(k, v);
    for (const [k, v] of builtins) t.symbols.set(k, { kind: "set", values: v });
    return t;
  }

  /** The expanded, sorted, de-duplicated values of a set variable. Throws ExpansionError. */
  values(name: string, stack: string[] = []): string[] {
    const cached = this.expanded.get(name);
    if (cached) return cached;
    const sym = this.symbols.get(name);
    if (!sym) throw new ExpansionError(`Failed to find declaration for: @{${name}}`, name);
    if (sym.kind !== "set") {
      throw new ExpansionError(
        stack.length ? `Referenced variable ${name} is a boolean used in set context` : `Variable ${name} is not a set variable`,
        name,
      );
    }
    if (stack.includes(name)) {
      throw new ExpansionError(`Variable @{${name}} is referenced recursively (by @{${stack[stack.length - 1]}})`, name);
    }
    const out = new Set<string>();
    for (const v of sym.values) {
      for (const e of this.expandAll(v, [...stack, name])) {
        out.add(e);
        if (out.size > MAX_VALUES) throw new ExpansionError(`variable @{${name}} expands to more than ${MAX_VALUES} values`, name);
      }
    }
    const result = [...out].sort();
    this.expanded.set(name, result);
    return result;
  }

  /** Every string a value stands for (the cross product of its references). */
  private expandAll(value: string, stack: string[]): string[] {
    const ref = findReference(value);
    if (!ref) return [value];
    const check = checkName(ref.name);
    if (check === "comma") return [value];
    if (check) throw new ExpansionError(check.replace("%s", `@{${ref.name}}`), ref.name);
    const prefix = value.slice(0, ref.start);
    const suffix = value.slice(ref.end);
    // Upstream's expand_variable joins prefix, value and suffix as they are: slashes are trimmed where a
    // rule uses a variable (expand below), not where one variable is defined from another.
    const vals = this.values(ref.name, stack);
    const rest = this.expandAll(suffix, stack);
    const out: string[] = [];
    for (const v of vals) {
      for (const r of rest) {
        out.push(prefix + v + r);
        if (out.length > MAX_VALUES) throw new ExpansionError(`@{${ref.name}} expands to more than ${MAX_VALUES} values`, ref.name);
      }
    }
    return out;
  }

  /** The AARE text of a field with every reference replaced by an alternation of its values. */
  expand(text: string): string {
    const known = this.fields.get(text);
    if (known !== undefined) return known;
    const result = this.expandUncached(text);
    if (this.fields.size > 100_000) this.fields.clear();
    this.fields.set(text, result);
    return result;
  }

  private expandUncached(text: string): string {
    const ref = findReference(text);
    if (!ref) return text;
    const check = checkName(ref.name);
    // A comma in `@{a,b}` was once an alternation: upstream leaves it (and the rest of the field) alone.
    if (check === "comma") return text;
    if (check) throw new ExpansionError(check.replace("%s", `@{${ref.name}}`), ref.name);
    const prefix = text.slice(0, ref.start);
    const suffix = text.slice(ref.end);
    const vals = trimSlashes(this.values(ref.name), prefix, suffix);
    const alt = vals.length === 1 ? vals[0]! : `{${vals.join(",")}}`;
    const result = prefix + alt + this.expand(suffix);
    if (result.length > MAX_EXPANDED_LENGTH) {
      throw new ExpansionError(`@{${ref.name}} expands to more than ${MAX_EXPANDED_LENGTH} characters`, ref.name);
    }
    return result;
  }
}

interface Reference {
  name: string;
  start: number;
  end: number;
}

/** The first unescaped `@{…}` (upstream extract_variable: the `}` search starts two characters in). */
export function findReference(s: string): Reference | null {
  let escaped = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (escaped) {
      escaped = false;
      continue;
    }
    if (c === "\\") {
      escaped = true;
      continue;
    }
    if (c === "@" && s[i + 1] === "{") {
      let esc = false;
      for (let j = i + 2; j < s.length; j++) {
        const d = s[j];
        if (esc) {
          esc = false;
          continue;
        }
        if (d === "\\") esc = true;
        else if (d === "}" && j > i + 2) return { name: s.slice(i + 2, j), start: i, end: j + 1 };
        else if (d === "}") continue;
      }
      return null;
    }
  }
  return null;
}

/** null when the name is valid, "comma" for the deprecated `@{a,b}` form, or an error message template. */
function checkName(name: string): null | "comma" | string {
  if (NAME_OK.test(name)) return null;
  for (let i = 0; i < name.length; i++) {
    const ok = i === 0 ? /[A-Za-z]/.test(name[i]!) : /[A-Za-z0-9_]/.test(name[i]!);
    if (ok) continue;
    if (name[i] === ",") return "comma";
    return i === 0 ? "Variable '%s' must start with alphabet letters" : "Variable '%s' contains invalid characters";
  }
  return "Variable '%s' must start with alphabet letters";
}

function trimSlashes(values: string[], prefix: string, suffix: string): string[] {
  const trimLead = prefix.endsWith("/") && !/^\/*$/.test(prefix);
  const trimTrail = suffix.startsWith("/");
  if (!trimLead && !trimTrail) return values;
  return values.map((v) => {
    let r = v;
    if (trimLead) r = r.replace(/^\/+/, "");
    if (trimTrail) r = stripTrailingSlashes(r);
    return r;
  });
}

/** Upstream escape_re for @{profile_name}: `{}[]*?` get a backslash unless already escaped. */
export function escapeProfileName(name: string): string {
  let out = "";
  for (let i = 0; i < name.length; i++) {
    const c = name[i]!;
    if (c === "\\" && i + 1 < name.length) {
      out += c + name[i + 1];
      i++;
      continue;
    }
    out += "{}[]*?".includes(c) ? "\\" + c : c;
  }
  return out;
}

/** The variable name of a `@{NAME}` / `@NAME` / `${NAME}` / `$NAME` token. */
export function variableName(raw: string): string {
  const body = raw.slice(1);
  return body.startsWith("{") && body.endsWith("}") ? body.slice(1, -1) : body;
}
