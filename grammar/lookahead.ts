/**
 * Chevrotain's LL(k) lookahead, built on first use.
 *
 * When a parser is constructed, Chevrotain builds a lookahead function for every OR, OPTION and MANY of the
 * grammar: about a third of aaprof's start-up after Node itself. A run over a few profiles uses a fraction
 * of them, so each is built the first time the parser reaches its production, with the same options and
 * the same result as the eager build.
 */
import { LLkLookaheadStrategy, type IOrAlt } from "chevrotain";

type AlternationOptions = Parameters<InstanceType<typeof LLkLookaheadStrategy>["buildLookaheadForAlternation"]>[0];
type OptionalOptions = Parameters<InstanceType<typeof LLkLookaheadStrategy>["buildLookaheadForOptional"]>[0];

export class LazyLookaheadStrategy extends LLkLookaheadStrategy {
  override buildLookaheadForAlternation(options: AlternationOptions): (orAlts?: IOrAlt<unknown>[]) => number | undefined {
    let built: ((orAlts?: IOrAlt<unknown>[]) => number | undefined) | undefined;
    const build = () => (built = super.buildLookaheadForAlternation(options));
    // Chevrotain calls lookahead functions with the parser as `this` (they read its tokens through LA).
    return function (this: unknown, orAlts?: IOrAlt<unknown>[]) {
      return (built ?? build()).call(this, orAlts);
    };
  }

  override buildLookaheadForOptional(options: OptionalOptions): () => boolean {
    let built: (() => boolean) | undefined;
    const build = () => (built = super.buildLookaheadForOptional(options));
    return function (this: unknown) {
      return (built ?? build()).call(this);
    };
  }
}
