import { createRequire } from '../internal/builtins.js';
import type { distance as Distance } from 'fastest-levenshtein';
import { normalizeAlias } from './alias.js';

/** Loaded at the first suggestion, not when plugboard is imported: most programs never make one. */
let levenshtein: typeof Distance | undefined;
function distance(a: string, b: string): number {
  levenshtein ??= (createRequire(import.meta.url)('fastest-levenshtein') as { distance: typeof Distance }).distance;
  return levenshtein(a, b);
}

const MAX_SUGGESTIONS = 3;

/** A name that can be suggested, with its normalised form when the caller already has it. */
export type Candidate = string | { readonly alias: string; readonly key: string };

/**
 * The registered aliases closest to `asked`, closest first: those within a small edit distance (one edit up
 * to three letters, two up to twelve, three beyond; two neighbouring letters swapped count as one), then those that
 * contain or are contained in it. Keeps only the best few while scanning, so a miss among 10,000 aliases
 * stays cheap.
 */
export function suggestAliases(asked: string, candidates: Iterable<Candidate>): string[] {
  const wanted = normalizeAlias(asked);
  const limit = wanted.length <= 3 ? 1 : wanted.length <= 12 ? 2 : 3;
  const best: { alias: string; score: number }[] = [];
  for (const candidate of candidates) {
    const alias = typeof candidate === 'string' ? candidate : candidate.alias;
    const key = typeof candidate === 'string' ? normalizeAlias(candidate) : candidate.key;
    let score = Infinity;
    if (Math.abs(key.length - wanted.length) <= limit) {
      // Two neighbouring letters swapped is one slip of the fingers, as likely as one wrong letter.
      const d = isOneSwap(wanted, key) ? 1 : distance(wanted, key);
      if (d <= limit) score = d;
    }
    if (score === Infinity && wanted.length >= 3 && (key.includes(wanted) || wanted.includes(key))) score = limit + 1;
    if (score !== Infinity) keepBest(best, { alias, score });
  }
  return best.map((found) => found.alias);
}

/** True if `b` is `a` with two neighbouring letters swapped (`evn` for `env`). */
function isOneSwap(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  let at = 0;
  while (a[at] === b[at]) at += 1;
  return a[at] === b[at + 1] && a[at + 1] === b[at] && a.slice(at + 2) === b.slice(at + 2);
}

/** Inserts `found` into `best` (sorted by score, then alias), keeping at most MAX_SUGGESTIONS. */
function keepBest(best: { alias: string; score: number }[], found: { alias: string; score: number }): void {
  const before = (a: typeof found, b: typeof found): boolean =>
    a.score < b.score || (a.score === b.score && a.alias < b.alias);
  let index = best.length;
  while (index > 0 && before(found, best[index - 1] as typeof found)) index -= 1;
  if (index >= MAX_SUGGESTIONS) return;
  best.splice(index, 0, found);
  if (best.length > MAX_SUGGESTIONS) best.pop();
}
