import type { PluginEntry, RecommendationEnv } from './plugin-entry.js';
import { PluginRegistrationError } from '../errors/plugin-registration-error.js';
import { handleThenable } from '../internal/handle-thenable.js';
import { messageOf, quote } from '../internal/quote.js';

/** A plugin that suits an environment, with why. */
export interface Recommendation {
  readonly alias: string;
  readonly kind: string;
  /** Higher is better; `true` from a predicate counts as 1. */
  readonly score: number;
  /** The plugin's `recommendedWhen` text (or its description when it has none). */
  readonly reason: string;
  readonly entry: PluginEntry;
}

/** The entries whose `recommend` predicate holds for `env`, best first (then by alias). */
export function recommendFor(entries: readonly PluginEntry[], env: RecommendationEnv): Recommendation[] {
  const found: Recommendation[] = [];
  for (const entry of entries) {
    if (!entry.recommend) continue;
    let verdict: boolean | number;
    try {
      verdict = entry.recommend(env);
    } catch (error) {
      throw new PluginRegistrationError(
        `The recommend() predicate of plugin ${quote(entry.alias)} threw: ${messageOf(error)}`,
        { cause: error },
      );
    }
    if (handleThenable(verdict) !== undefined) {
      throw new PluginRegistrationError(
        `The recommend() predicate of plugin ${quote(entry.alias)} returned a promise; it must be synchronous and return a boolean or a score.`,
      );
    }
    const score = verdict === true ? 1 : typeof verdict === 'number' && Number.isFinite(verdict) ? verdict : 0;
    if (score <= 0) continue;
    const reason = entry.recommendedWhen ?? entry.description ?? 'its recommend() predicate holds';
    found.push({ alias: entry.alias, kind: entry.kind, score, reason, entry });
  }
  return found.sort((a, b) => b.score - a.score || a.alias.localeCompare(b.alias));
}
