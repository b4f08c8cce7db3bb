/**
 * Profile headers: names and namespaces, attachments, xattrs, identities, flags, and top-level duplicate
 * profiles (duplicate hats and children within one profile are found by the resolver).
 *
 * Upstream checks the header in two phases. While parsing (so also for profiles in untaken `if` branches
 * and hats inside qualifier blocks): flag values and their conflicts, identities, then, once the body is
 * parsed, the namespace syntax, the attachment, the conditional group and the name rules. After parsing,
 * only for profiles that are compiled: variable expansion of the name, attachment and disconnected paths,
 * and the regex check of the name or attachment.
 */
import type { Word } from "../ast/nodes.js";
import { aareError } from "../aare/validate.js";
import type { Program, ResolvedProfile } from "../resolve/model.js";
import type { Check, CheckContext } from "./context.js";
import {
  DISCONNECTED_IPC_PREFIX, DISCONNECTED_PATH_PREFIX, mergeFlag, parseFlag, type FlagValue,
} from "./profile-flags.js";

export const profileCheck: Check = {
  code: "AA2010",
  name: "profile",
  profile(profile, ctx) {
    checkFlags(profile, ctx);
    checkIdentities(profile, ctx);
    checkHeader(profile, ctx);
    if (profile.live) checkCompiled(profile, ctx);
  },
  program(program, ctx) {
    checkTopLevelDuplicates(program, ctx);
  },
};

/** A label split as upstream's parse_label does: `[&][:ns:[//]]name`. */
interface Label {
  stack: boolean;
  ns: string | null;
  name: string;
  /** Offset of the name part in the label. */
  nameStart: number;
  error: string | null;
}

function parseLabel(label: string): Label {
  let i = 0;
  const stack = label.startsWith("&");
  if (stack) i++;
  if (label[i] !== ":") return { stack, ns: null, name: label.slice(i), nameStart: i, error: label.length > i ? null : emptyName(label) };
  const nsEnd = label.indexOf(":", i + 1);
  if (nsEnd < 0) return { stack, ns: null, name: "", nameStart: label.length, error: `Namespace not terminated: ${label}` };
  const ns = label.slice(i + 1, nsEnd);
  let nameStart = nsEnd + 1;
  if (label.startsWith("//", nameStart)) nameStart += 2;
  const name = label.slice(nameStart);
  let error: string | null = null;
  if (ns.length === 0) error = `Empty namespace: ${label}`;
  else if (name.length === 0) error = emptyName(label);
  return { stack, ns, name, nameStart, error };
}

function emptyName(label: string): string {
  return `Empty named transition profile name: ${label}`;
}

// ---------------------------------------------------------------------------------------------------------
// Parse-time checks

function checkFlags(profile: ResolvedProfile, ctx: CheckContext): void {
  const flags = profile.node.flags;
  if (!flags) return;
  let acc: FlagValue | null = null;
  // Upstream stops at the first error; later values are not looked at.
  for (const word of flags.values) {
    const parsed = parseFlag(word.value);
    if (!parsed.ok) {
      ctx.report(profile, word.range, parsed.message, { help: flagHelp(word.value) });
      return;
    }
    if (acc === null) {
      acc = parsed.flag;
      continue;
    }
    const conflicts = mergeFlag(acc, parsed.flag);
    if (conflicts.length) {
      ctx.report(profile, word.range, conflicts[0]!);
      return;
    }
  }
}

function flagHelp(value: string): string | undefined {
  if (value.startsWith("kill.signal=")) return "use a lowercase signal name such as 'term' or 'kill', or rtmin+N";
  if (value.startsWith("error=")) return "use an errno name such as EPERM or EACCES";
  if (value === "attach_disconnected.path" || value === "attach_disconnected.ipc") return `write ${value}=/path`;
  return undefined;
}

function checkIdentities(profile: ResolvedProfile, ctx: CheckContext): void {
  for (const clause of profile.node.identities) {
    for (const v of clause.values) {
      if (!v.value.startsWith("/") && v.value.includes(" ")) {
        ctx.report(profile, v.range, `Space character not allowed in identities: '${v.value}'`);
      }
    }
  }
}

/** The checks upstream runs when the profile's closing brace is reduced (profile_base, profile, hat). */
function checkHeader(profile: ResolvedProfile, ctx: CheckContext): void {
  const node = profile.node;
  const label = parseLabel(node.name.value);
  if (label.error) {
    ctx.report(profile, node.name.range, label.error);
    return;
  }
  if (label.stack) {
    ctx.report(profile, node.name.range, "Profile names must begin with a '/' or a namespace");
    return;
  }
  const attach = node.attachment;
  if (attach && !(attach.value.startsWith("/") || attach.value.startsWith("@{"))) {
    ctx.report(profile, attach.range, "Profile attachment must begin with a '/' or variable.", {
      help: attach.value.startsWith("@") ? "write the variable with braces: @{NAME}" : undefined,
    });
    return;
  }
  if (node.xattrs && node.xattrs.name !== "xattrs") {
    ctx.report(profile, node.xattrs.range, `profile id: invalid conditional group ${node.xattrs.name}=()`, {
      help: "a profile header takes xattrs=(…)",
    });
    return;
  }
  if (profile.parent === null) {
    if (node.keyword === null && label.ns === null && !label.name.startsWith("/")) {
      ctx.report(profile, node.name.range,
        "Profile names must begin with a '/', namespace or keyword 'profile' or 'hat'.",
        { help: `write 'profile ${node.name.raw}'` });
    }
  } else if ((node.keyword === "^" || node.keyword === "hat") && node.xattrs && node.xattrs.conditions.length) {
    ctx.report(profile, node.xattrs.range, "hat profiles can't use xattrs matches");
  }
}

function checkTopLevelDuplicates(program: Program, ctx: CheckContext): void {
  const seen = new Map<string, ResolvedProfile>();
  for (const p of program.profiles) {
    const label = parseLabel(p.node.name.value);
    if (label.error) continue;
    const key = `${label.ns === null ? "" : ":" + label.ns + ":"}${label.name}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, p);
      continue;
    }
    ctx.report(p, p.node.name.range, `Multiple definitions for profile ${label.name} exist`, {
      code: "AA2012",
      rule: "duplicate-profile",
      help: `first defined at ${first.file === p.file ? "" : first.file + ":"}${first.node.name.range.start.line}`,
    });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Post-parse checks (compiled profiles only)

function checkCompiled(profile: ResolvedProfile, ctx: CheckContext): void {
  const node = profile.node;
  const label = parseLabel(node.name.value);
  if (label.error || label.stack) return;
  // The name and attachment are expanded before the built-in variables are defined.
  const name = ctx.expand(subWord(node.name, label.nameStart), profile, null);
  if (name === null) return;
  let subject: string;
  if (node.attachment) {
    const attachment = ctx.expand(node.attachment, profile, null);
    if (attachment === null) return;
    subject = attachment;
  } else {
    subject = localName(name);
  }
  if (!checkDisconnected(profile, ctx)) return;
  const err = aareError(subject);
  if (err) {
    ctx.report(profile, (node.attachment ?? node.name).range,
      `Invalid profile name '${subject}' - bad regular expression`, { help: err });
  }
}

/** attach_disconnected.path= / .ipc= values must be absolute once expanded. False after an error. */
function checkDisconnected(profile: ResolvedProfile, ctx: CheckContext): boolean {
  const flags = profile.node.flags;
  if (!flags) return true;
  // Only the first value of each kind is kept; a differing second one is a parse-time conflict.
  for (const prefix of [DISCONNECTED_PATH_PREFIX, DISCONNECTED_IPC_PREFIX]) {
    const word = flags.values.find((w) => w.value.startsWith(prefix));
    if (!word) continue;
    const value = ctx.expand(subWord(word, prefix.length), profile, null);
    if (value === null) return false;
    if (!filterSlashes(value).startsWith("/")) {
      ctx.report(profile, word.range, "attach_disconnected path must begin with a /", {
        help: `${prefix}${value} is not an absolute path`,
      });
      return false;
    }
  }
  return true;
}

/** A word standing for the tail of another word, from `start` of its value on. */
function subWord(word: Word, start: number): Word {
  if (start === 0) return word;
  return { ...word, value: word.value.slice(start) };
}

/** The text after the last `//` (upstream local_name). */
function localName(name: string): string {
  let rest = name;
  for (let i = rest.indexOf("//"); i >= 0; i = rest.indexOf("//")) rest = rest.slice(i + 2);
  return rest;
}

/** Collapses runs of `/` to one, except a leading `//` (upstream filter_slashes). */
function filterSlashes(s: string): string {
  if (s.startsWith("//") && !s.startsWith("///")) return "/" + s.slice(1).replace(/\/+/g, "/");
  return s.replace(/\/+/g, "/");
}
