/**
 * Enough of AppArmor's path globbing to tell whether two path patterns can touch the same file, for the
 * Security Profiles Operator mapping (does a deny the operator adds take away a grant?).
 *
 * `*` matches within a path component, `**` across components, `?` one character, `[…]` a class, `{a,b}`
 * alternatives. Answers err towards "they may overlap": a false alarm is an error the user reads, a missed
 * overlap is a profile that silently differs.
 */

/** Alternatives are expanded up to this many; past it every question answers "may overlap". */
const MAX_ALTERNATIVES = 256;

/** The pattern with `{a,b}` expanded, or null when there are too many alternatives. */
export function expandAlternatives(pattern: string): string[] | null {
  let out = [pattern];
  for (let round = 0; round < 16; round++) {
    const next: string[] = [];
    let changed = false;
    for (const p of out) {
      const group = firstGroup(p);
      if (!group) {
        next.push(p);
        continue;
      }
      changed = true;
      for (const alt of group.alternatives) next.push(p.slice(0, group.start) + alt + p.slice(group.end));
      if (next.length > MAX_ALTERNATIVES) return null;
    }
    out = next;
    if (!changed) return out;
  }
  return null;
}

/** The first unescaped `{…}` group (outermost), split on its top-level commas. */
function firstGroup(p: string): { start: number; end: number; alternatives: string[] } | null {
  let start = -1;
  let depth = 0;
  let from = 0;
  const alternatives: string[] = [];
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "{") {
      if (depth === 0) {
        start = i;
        from = i + 1;
      }
      depth++;
    } else if (c === "," && depth === 1) {
      alternatives.push(p.slice(from, i));
      from = i + 1;
    } else if (c === "}" && depth > 0) {
      depth--;
      if (depth === 0) {
        alternatives.push(p.slice(from, i));
        return { start, end: i + 1, alternatives };
      }
    }
  }
  return null;
}

/** Regex source of each token of a pattern without alternatives. */
function tokens(p: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === "\\" && i + 1 < p.length) {
      out.push(escape(p[++i]!));
    } else if (c === "*") {
      if (p[i + 1] === "*") {
        while (p[i + 1] === "*") i++;
        out.push(".*");
      } else {
        out.push("[^/]*");
      }
    } else if (c === "?") {
      out.push("[^/]");
    } else if (c === "[") {
      const end = p.indexOf("]", i + 2);
      if (end === -1) {
        out.push(escape(c));
        continue;
      }
      let body = p.slice(i + 1, end);
      if (body.startsWith("^")) body = "^" + body.slice(1).replace(/[\\\]]/g, "\\$&");
      else body = body.replace(/[\\\]]/g, "\\$&");
      out.push(`[${body}]`);
      i = end;
    } else {
      out.push(escape(c));
    }
  }
  return out;
}

function escape(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** True when the pattern matches the literal path. */
export function matches(pattern: string, path: string): boolean {
  const alts = expandAlternatives(pattern);
  if (!alts) return true;
  return alts.some((a) => new RegExp(`^${tokens(a).join("")}$`, "s").test(path));
}

/** True when some path the pattern matches starts with `prefix`. */
export function matchesUnder(pattern: string, prefix: string): boolean {
  const alts = expandAlternatives(pattern);
  if (!alts) return true;
  return alts.some((a) => {
    // The prefix closure of t1 t2 … tn is (t1 (t2 (… tn?)?)?)?: every regex token here accepts its own prefixes.
    const closure = tokens(a).reduceRight((inner, t) => `(?:${t}${inner})?`, "");
    return new RegExp(`^${closure}$`, "s").test(prefix);
  });
}

/** The part of a pattern before its first glob character. */
export function literalPrefix(pattern: string): string {
  const i = pattern.search(/[*?[{\\]/);
  return i === -1 ? pattern : pattern.slice(0, i);
}

/**
 * Whether two patterns may match a common path. Exact for a literal pattern against any other; for two
 * globs, each must be able to reach the other's literal prefix (which may report overlaps that are not).
 */
export function mayOverlap(a: string, b: string): boolean {
  const la = literalPrefix(a);
  const lb = literalPrefix(b);
  if (la === a) return matches(b, a);
  if (lb === b) return matches(a, b);
  return matchesUnder(a, lb) && matchesUnder(b, la);
}
