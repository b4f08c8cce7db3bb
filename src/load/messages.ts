/**
 * apparmor_parser's standard error → structured messages, kept in the compiler's own words.
 *
 * The shapes (parser_yacc.y yyerror, parser_common.c pwarn, parser_main.c, parser_regex.c):
 *   AppArmor parser error for INPUT in profile FILE at line N: MSG     (FILE = the file holding the error)
 *   AppArmor parser error for INPUT at line N: MSG
 *   AppArmor parser error at line N: MSG                                (input read from a bare stdin)
 *   Warning from INPUT (FILE line N): MSG
 *   Warning from profile NAME (INPUT): MSG
 *   PROG: Regex grouping error: MSG / PROG: Unable to parse input line 'RULE' / ERROR processing regexs for profile P, failed to load
 *   profile P: has merged rule PATH with conflicting x modifiers / ERROR merging rules for profile P, failed to load
 *   Found reference to variable X, but is never declared
 * Errors without a line carry what the compiler names instead (a profile, a rule's path, a variable), which
 * the bridge uses to find the place in the source.
 */

export interface CompilerMessage {
  severity: "error" | "warning";
  /** The compiler's words, without the location prefix. */
  text: string;
  /** The file the compiler says holds the problem, as it wrote it; null when it names none. */
  file: string | null;
  line: number | null;
  /** What an error without a line names instead. */
  profile: string | null;
  rulePath: string | null;
  variable: string | null;
}

export type EnvironmentProblem =
  /** Loading needs root (CAP_MAC_ADMIN), and an unconfined one. */
  | { kind: "not-permitted"; text: string }
  /** No AppArmor filesystem: the kernel has no AppArmor, or securityfs is not mounted. */
  | { kind: "no-kernel"; text: string };

export interface CompilerOutput {
  errors: CompilerMessage[];
  warnings: CompilerMessage[];
  environment: EnvironmentProblem | null;
}

/** Lines that say nothing about the profile: kernel-interface chatter of a compile without a kernel. */
const NOISE = [
  /^Cache read\/write disabled: interface file missing/,
  /^Use --subdomainfs to override\.?$/,
];

const ERROR_IN = /^AppArmor parser error for (.+?)(?: in profile (.+?))? at line (\d+): (.*)$/;
const ERROR_AT = /^AppArmor parser error at line (\d+): (.*)$/;
const WARNING_AT = /^Warning from (.+?) \((?:(.+?) )?line (\d+)\): (.*)$/;
const WARNING_PROFILE = /^Warning from profile (.+?) \((.*)\): (.*)$/;

function message(severity: "error" | "warning", text: string, more: Partial<CompilerMessage> = {}): CompilerMessage {
  return { severity, text, file: null, line: null, profile: null, rulePath: null, variable: null, ...more };
}

function environmentOf(text: string): EnvironmentProblem | null {
  if (/You need root privileges/i.test(text)) return { kind: "not-permitted", text };
  if (/attempted to load a profile while confined/i.test(text)) return { kind: "not-permitted", text };
  if (/^Unable to (add|replace|remove) .*(Permission denied|Operation not permitted|Access denied)/i.test(text)) {
    return { kind: "not-permitted", text };
  }
  if (/unable to find a suitable fs in .*is it mounted/i.test(text)) return { kind: "no-kernel", text };
  return null;
}

/** What an error without a line names, so that it can still be placed. */
function subjects(text: string): Partial<CompilerMessage> {
  const out: Partial<CompilerMessage> = {};
  const merged = /^profile (.+?): has merged rule (.+?) with /.exec(text);
  if (merged) return { profile: merged[1]!, rulePath: merged[2]! };
  const kernel = /^Unable to (?:add|replace|remove) "(.+?)"/.exec(text);
  if (kernel) return { profile: kernel[1]! };
  const input = /^Unable to parse input line '(.*)'$/.exec(text);
  if (input) out.rulePath = input[1]!;
  const prof = /for profile (.+?)(?:,| failed| exist|$)/.exec(text) ?? /definitions for profile (.+?) exist/.exec(text);
  if (prof) out.profile = prof[1]!.trim();
  const variable = /reference to variable (.+?), but is never declared/.exec(text);
  if (variable) out.variable = variable[1]!;
  return out;
}

/**
 * `prog` is the path the compiler was started as: it prefixes some of its lines with it.
 */
export function parseCompilerOutput(stderr: string, prog: string): CompilerOutput {
  const out: CompilerOutput = { errors: [], warnings: [], environment: null };
  const prefixes = [`${prog}: `, "apparmor_parser: "];
  for (const rawLine of stderr.split(/\r?\n/)) {
    let line = rawLine.trim();
    if (line === "") continue;
    for (const p of prefixes) if (line.startsWith(p)) line = line.slice(p.length).trim();
    if (NOISE.some((re) => re.test(line))) continue;
    const env = environmentOf(line);
    if (env) {
      out.environment ??= env;
      continue;
    }
    let m = ERROR_IN.exec(line);
    if (m) {
      out.errors.push(message("error", m[4]!, { file: m[2] ?? m[1]!, line: Number(m[3]) }));
      continue;
    }
    m = ERROR_AT.exec(line);
    if (m) {
      out.errors.push(message("error", m[2]!, { line: Number(m[1]) }));
      continue;
    }
    m = WARNING_AT.exec(line);
    if (m) {
      out.warnings.push(message("warning", m[4]!, { file: m[2] ?? m[1]!, line: Number(m[3]) }));
      continue;
    }
    m = WARNING_PROFILE.exec(line);
    if (m) {
      out.warnings.push(message("warning", m[3]!, { profile: m[1]! }));
      continue;
    }
    if (/^Warning\b/i.test(line)) {
      out.warnings.push(message("warning", line, subjects(line)));
      continue;
    }
    out.errors.push(message("error", line, subjects(line)));
  }
  return out;
}
