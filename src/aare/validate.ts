/**
 * Errors in AppArmor globs (AARE), as apparmor_parser finds them: first while converting the glob to a
 * regular expression (convert_aaregex_to_pcre, which prints the messages below), then while parsing that
 * expression in libapparmor_re (which rejects a few character classes silently; upstream then only
 * says "ERROR processing regexs for profile NAME, failed to load").
 */
import { CONVERT_ERRORS, convertAareBytes } from "./convert.js";
import { parseRegex } from "./regex.js";

/**
 * Results by pattern. The same few thousand globs (those of the shared abstractions) come back for every
 * profile of a tree, and the answer depends on the pattern alone. Both bounds keep memory flat on hostile
 * input: a count, and a length past which a pattern is not kept (long ones do not repeat, and 50,000 of
 * them at 200 KB each would be gigabytes).
 */
const MEMO_LIMIT = 50_000;
const MEMO_MAX_PATTERN = 4096;
const HAS_STRUCTURE = /[{}[\]\\]/;
const memo = new Map<string, string | null>();

/** The error apparmor_parser reports for a glob (after variable expansion), or null when it is well formed. */
export function aareError(pattern: string): string | null {
  // Only braces, brackets and backslashes can make a glob malformed; most paths have none of them.
  if (!HAS_STRUCTURE.test(pattern)) return null;
  const known = memo.get(pattern);
  if (known !== undefined) return known;
  const conv = convertAareBytes(pattern);
  let result: string | null;
  if (conv.errors.length) result = primaryAareError(conv.errors);
  else {
    const parsed = parseRegex(conv.pcre);
    result = parsed.ok ? null : `Regex error: ${parsed.message}`;
  }
  if (pattern.length <= MEMO_MAX_PATTERN) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(pattern, result);
  }
  return result;
}

/**
 * Every line upstream prints for a glob, in order, without the `apparmor_parser: ` prefix and without the
 * closing `Unable to parse input line '…'`; empty when the glob is well formed.
 */
export function aareErrors(pattern: string): string[] {
  const conv = convertAareBytes(pattern);
  if (conv.errors.length) return conv.errors;
  const parsed = parseRegex(conv.pcre);
  return parsed.ok ? [] : [`Regex error: ${parsed.message}`];
}

/**
 * The line that names the cause when upstream prints several: a stray `}` first complains about the item
 * count of a group that does not exist, then about the `}` itself.
 */
export function primaryAareError(lines: readonly string[]): string {
  if (lines.includes(CONVERT_ERRORS.closeBrace)) return CONVERT_ERRORS.closeBrace;
  return lines[0] ?? "";
}
