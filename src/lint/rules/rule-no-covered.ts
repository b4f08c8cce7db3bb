/**
 * AA3602 rule-no-covered: a rule wholly covered by a broader rule of the same profile.
 */
import type { ResolvedRule } from "../../resolve/model.js";
import type { EffectivePrefix, FileFacts } from "../facts.js";
import { MatchIndex } from "../globs.js";
import { permsCover } from "../permissions.js";
import { defineRule, isOwn, type RuleContext } from "../rule.js";
import { relatedRule, ruleRemoval, ruleText, where } from "../shapes.js";
import { profileKeys } from "./rule-no-duplicate.js";

/** Can a rule with prefix `outer` stand in for one with prefix `inner` (same mode, no less audit, owner)? */
function prefixCovers(outer: EffectivePrefix, inner: EffectivePrefix): boolean {
  if (outer.mode !== inner.mode || outer.priority !== inner.priority) return false;
  if (inner.audit && !outer.audit) return false;
  if (outer.owner !== null && outer.owner !== inner.owner) return false;
  return true;
}

function needsTarget(f: FileFacts): boolean {
  return f.perms.exec !== null || f.perms.letters.has("l");
}

function fileCovers(ctx: RuleContext, outer: FileFacts, inner: FileFacts): boolean {
  if (!prefixCovers(outer.prefix, inner.prefix) || !permsCover(outer.perms, inner.perms)) return false;
  if (needsTarget(inner) && !outer.bare && outer.target !== inner.target) return false;
  if (outer.bare) return !needsTarget(inner) || inner.perms.exec?.kind === "i";
  if (!outer.glob || !inner.glob) return false;
  return ctx.facts.globs.includes(outer.glob, inner.glob) === true;
}

function capabilityNames(rule: ResolvedRule): Set<string> | "all" | null {
  if (rule.node.type !== "CapabilityRule") return null;
  return rule.node.names.length ? new Set(rule.node.names.map((w) => w.value.toLowerCase())) : "all";
}

function capsCover(outer: Set<string> | "all", inner: Set<string> | "all"): boolean {
  if (outer === "all") return true;
  if (inner === "all") return false;
  return [...inner].every((n) => outer.has(n));
}

export default defineRule({
  meta: {
    code: "AA3602",
    name: "rule-no-covered",
    category: "redundancy",
    fixable: "safe",
    presets: { recommended: "warning", strict: "error", "apparmor.d": "warning", container: "warning" },
    messages: {
      covered: "`{{text}}` is already {{verb}} by `{{by}}` ({{where}})",
    },
    help: "remove the narrower rule; the broader one grants (or denies) everything it does",
    docs: {
      summary: "Rules covered by a broader rule",
      what:
        "Reports a file or capability rule of the linted file when another rule of the same profile (its " +
        "own or an included abstraction's) already grants or denies all of it: a path glob that includes " +
        "this rule's (decided by glob inclusion after variable expansion, not by comparing text), at least " +
        "the same permissions, the same exec mode and target, and an `owner`, `audit` and priority that do " +
        "not make it narrower. The fix removes the covered rule.",
      why:
        "A covered rule adds nothing to the policy but gives a false picture of it: the reader believes " +
        "access is limited to what the narrow rule says, while the broad rule allows more. It is often the " +
        "trace of a rule that was widened in one place and not cleaned up.",
      bad: `abi <abi/4.0>,
include <tunables/global>

profile viewer /usr/bin/viewer {
  /usr/share/viewer/** r,
  /usr/share/viewer/icons/*.png r,
}
`,
      good: `abi <abi/4.0>,
include <tunables/global>

profile viewer /usr/bin/viewer {
  /usr/share/viewer/** r,
}
`,
      exceptions:
        "Rules of included files are only reported when the included file is linted itself. Two rules that " +
        "cover each other are reported once, on the later one. Exact duplicates are reported by " +
        "rule-no-duplicate instead.",
    },
  },
  create(ctx) {
    const report = (inner: ResolvedRule, outer: ResolvedRule) => {
      const deny = ctx.facts.prefix(inner).mode === "deny";
      ctx.report({
        origin: inner, range: inner.node.range, messageId: "covered",
        data: { text: ruleText(ctx, inner), by: ruleText(ctx, outer), where: where(ctx, outer), verb: deny ? "denied" : "granted" },
        related: [relatedRule(ctx, outer, "covered by")],
        fix: ruleRemoval(ctx, inner, "remove the covered rule"),
      });
    };
    /** Mutually covering rules: only the later one of the linted file is redundant. */
    const earlier = (a: ResolvedRule, b: ResolvedRule) =>
      !isOwn(a, ctx.rootPath) || (isOwn(b, ctx.rootPath) && a.node.range.start.offset < b.node.range.start.offset);

    return {
      "Profile:exit"(profile) {
        const { all: files, positions } = ctx.facts.files(profile);
        const ruleKeys = profileKeys(ctx, profile);
        const keys = positions.map((p) => ruleKeys[p]!);
        const own = files.map((f) => isOwn(f.rule, ctx.rootPath));
        // A rule written twice is reported by rule-no-duplicate; judge only its first copy here. Only the
        // first copies of the linted file's rules matter, so other keys are not looked at.
        const ownKeys = new Set<string>();
        files.forEach((_, i) => {
          if (own[i] && keys[i] !== null) ownKeys.add(keys[i]!);
        });
        const firstOfKey = new Map<string, number>();
        keys.forEach((k, i) => {
          if (k !== null && ownKeys.has(k) && !firstOfKey.has(k)) firstOfKey.set(k, i);
        });
        // A rule that covers the inner one is bare `file,` or matches the inner glob's example path; the
        // index finds the rules that may, without comparing every pair of the profile's rules.
        let index: MatchIndex<FileFacts> | undefined;
        const bare: number[] = [];
        files.forEach((f, i) => {
          if (f.bare) bare.push(i);
        });
        const everyRule = files.map((_, i) => i);
        for (let i = 0; i < files.length; i++) {
          const inner = files[i]!;
          if (!own[i] || inner.bare || !inner.glob) continue;
          const innerKey = keys[i]!;
          if (innerKey !== null && firstOfKey.get(innerKey) !== i) continue;
          const example = inner.glob.example;
          let candidates = everyRule;
          if (example !== null) {
            index ??= new MatchIndex(files, (f) => f.glob);
            candidates = index.mayMatch(example);
            if (bare.length) candidates = [...bare, ...candidates].sort((a, b) => a - b);
          }
          for (const j of candidates) {
            const outer = files[j]!;
            if (j === i || !fileCovers(ctx, outer, inner)) continue;
            if (keys[j] === innerKey) continue;
            if (fileCovers(ctx, inner, outer) && !earlier(outer.rule, inner.rule)) continue;
            report(inner.rule, outer.rule);
            break;
          }
        }
        const caps: { rule: ResolvedRule; key: string | null; names: Set<string> | "all"; prefix: EffectivePrefix }[] = [];
        profile.rules.forEach((rule, p) => {
          if (rule.live && rule.node.type === "CapabilityRule") {
            caps.push({ rule, key: ruleKeys[p]!, names: capabilityNames(rule)!, prefix: ctx.facts.prefix(rule) });
          }
        });
        for (const inner of caps) {
          if (!isOwn(inner.rule, ctx.rootPath) || inner.names === "all") continue;
          for (const outer of caps) {
            if (outer === inner) continue;
            if (!prefixCovers(outer.prefix, inner.prefix) || !capsCover(outer.names, inner.names)) continue;
            if (outer.key === inner.key) continue;
            if (prefixCovers(inner.prefix, outer.prefix) && capsCover(inner.names, outer.names) && !earlier(outer.rule, inner.rule)) continue;
            report(inner.rule, outer.rule);
            break;
          }
        }
      },
    };
  },
});
