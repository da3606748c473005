import { normalizeAlias } from '../registry/alias.js';

/**
 * A test for aliases from a filter as people type it: with `*` (any run of characters) or `?` (one character)
 * it must match the whole alias (`deepspeed*`); without, it matches a part (`offload`). Like look-ups, it
 * ignores case and treats `-` and `_` alike.
 *
 * Wildcards are matched without a regular expression (issue 12: `a*a*a*a*…b` made an anchored RegExp backtrack
 * for minutes): the parts between the stars are found left to right, each at the first place it fits, which
 * takes at most (alias length × filter length) steps and needs no backtracking.
 */
export function aliasPattern(filter: string): (alias: string) => boolean {
  const wanted = normalizeAlias(filter);
  if (!/[*?]/.test(wanted)) return (alias) => normalizeAlias(alias).includes(wanted);
  const parts = wanted.split('*');
  return (alias) => globMatches(parts, normalizeAlias(alias));
}

/** True if `text` matches the pattern whose parts between `*` are `parts` (`?` matches one character). */
function globMatches(parts: readonly string[], text: string): boolean {
  const first = parts[0] ?? '';
  if (parts.length === 1) return first.length === text.length && fitsAt(first, text, 0);
  const last = parts.at(-1) ?? '';
  const end = text.length - last.length;
  if (end < first.length || !fitsAt(first, text, 0) || !fitsAt(last, text, end)) return false;
  let at = first.length;
  for (const part of parts.slice(1, -1)) {
    const found = firstFit(part, text, at, end);
    if (found < 0) return false;
    at = found + part.length;
  }
  return true;
}

/** The first index from `from` where `part` fits, ending at or before `end`; -1 if none. */
function firstFit(part: string, text: string, from: number, end: number): number {
  for (let at = from; at + part.length <= end; at += 1) if (fitsAt(part, text, at)) return at;
  return -1;
}

function fitsAt(part: string, text: string, at: number): boolean {
  for (let i = 0; i < part.length; i += 1) {
    const char = part[i];
    if (char !== '?' && char !== text[at + i]) return false;
  }
  return true;
}
