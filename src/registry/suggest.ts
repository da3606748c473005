import { distance } from 'fastest-levenshtein';
import { normalizeAlias } from './alias.js';

const MAX_SUGGESTIONS = 3;

/**
 * The registered aliases closest to `asked`, closest first: those within an edit distance that grows
 * with the alias's length, and those that contain or are contained in it.
 */
export function suggestAliases(asked: string, aliases: Iterable<string>): string[] {
  const wanted = normalizeAlias(asked);
  // Two edits (a swapped pair of letters is two) from four letters on; one for shorter aliases.
  const limit = wanted.length <= 3 ? 1 : Math.max(2, Math.floor(wanted.length / 3));
  const scored: { alias: string; score: number }[] = [];
  for (const alias of aliases) {
    const key = normalizeAlias(alias);
    if (Math.abs(key.length - wanted.length) <= limit) {
      const d = distance(wanted, key);
      if (d <= limit) {
        scored.push({ alias, score: d });
        continue;
      }
    }
    if (wanted.length >= 3 && (key.includes(wanted) || wanted.includes(key))) scored.push({ alias, score: limit + 1 });
  }
  scored.sort((a, b) => a.score - b.score || a.alias.localeCompare(b.alias));
  return scored.slice(0, MAX_SUGGESTIONS).map((s) => s.alias);
}
