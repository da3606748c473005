import { normalizeAlias } from '../registry/alias.js';

/**
 * A test for aliases from a filter as people type it: with `*` (any run of characters) or `?` (one character)
 * it must match the whole alias (`deepspeed*`); without, it matches a part (`offload`). Like look-ups, it
 * ignores case and treats `-` and `_` alike.
 */
export function aliasPattern(filter: string): (alias: string) => boolean {
  const wanted = normalizeAlias(filter);
  if (!/[*?]/.test(wanted)) return (alias) => normalizeAlias(alias).includes(wanted);
  const source = wanted
    .split('')
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  const regex = new RegExp(`^${source}$`);
  return (alias) => regex.test(normalizeAlias(alias));
}
