/**
 * Syntax errors in AppArmor globs (AARE), as upstream's convert_aaregex_to_pcre reports them.
 */

/** The error apparmor_parser reports for a glob, or null when it is well formed. */
export function aareError(pattern: string): string | null {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "[") inClass = true;
    else if (c === "{") depth++;
    else if (c === "}") {
      if (depth === 0) return "Regex grouping error: Invalid close }, no matching open {";
      depth--;
    }
  }
  if (depth > 0 || inClass) return "Regex grouping error: Unclosed grouping or character class, expecting close }";
  return null;
}
