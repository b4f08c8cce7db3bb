/**
 * What rule-local visitors (`meta.local`) reported for the rules of included files, remembered for the run.
 *
 * Every profile of a tree includes the same abstractions, so their rules are visited once per profile. A
 * rule-local visitor's reports depend only on the rule itself (its node, its text, its effective prefix,
 * its words expanded with the file's variables), the profile's deny rules, and the configuration; when all
 * of those are the same as for an earlier visit, the engine replays what the visitors reported then instead
 * of running them again. The replayed reports go through the same suppression, ignore and de-duplication
 * steps as fresh ones, so the result is the same either way.
 */
import type { ResolvedProfile, ResolvedRule } from "../resolve/model.js";
import type { LintFacts, PrefixKey } from "./facts.js";
import { BoundedMap } from "./globs.js";
import type { ReportDescriptor } from "./rule.js";

/** Per handler of the node's type (in the engine's order), what it reported; undefined for other handlers. */
export type Recorded = readonly (readonly ReportDescriptor[] | undefined)[];

/** Contexts remembered per rule; a rule met in more (a tree whose profiles deny different things) starts over. */
const CONTEXTS_PER_RULE = 64;
/** Distinct profile contexts given small numbers; past this, old ones get new numbers. */
const IDS_LIMIT = 4096;

export class VerdictMemo {
  private readonly configs = new WeakMap<object, number>();
  private readonly contexts = new BoundedMap<string, number>(IDS_LIMIT);
  private nextId = 1;

  /**
   * A number for what, besides the rule itself, a rule-local visitor may depend on in this profile: the
   * configuration, the file's variables and the profile's deny rules. null when the file's variables
   * differ between its profiles.
   */
  profileContext(config: object, facts: LintFacts, profile: ResolvedProfile): number | null {
    const variables = facts.sharedVariablesId();
    if (variables < 0) return null;
    let configId = this.configs.get(config);
    if (configId === undefined) this.configs.set(config, (configId = this.nextId++));
    const key = `${configId}|${variables}|${facts.denySignature(profile)}`;
    let id = this.contexts.get(key);
    if (id === undefined) this.contexts.set(key, (id = this.nextId++));
    return id;
  }

  /**
   * Where what rule-local visitors report about an included rule is remembered, by context key (see
   * `key`); null when the rule is not shared between profiles.
   */
  verdictsOf(facts: LintFacts, rule: ResolvedRule): Map<PrefixKey, unknown> | null {
    const rec = facts.record(rule);
    return rec ? (rec.verdicts ??= new Map()) : null;
  }

  /** The key of a rule in a profile context: the context and the rule's effective prefix. */
  key(facts: LintFacts, rule: ResolvedRule, context: number): PrefixKey {
    return facts.prefixKey(context, facts.prefix(rule));
  }

  remember(verdicts: Map<PrefixKey, unknown>, key: PrefixKey, recorded: Recorded | null): void {
    if (verdicts.size >= CONTEXTS_PER_RULE) verdicts.clear();
    verdicts.set(key, recorded);
  }
}
