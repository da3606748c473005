import { aliasProblem, MAX_ALIAS_LENGTH } from './alias.js';

/**
 * The extra lines of an UnknownPluginError: where the alias came from, why it cannot be an alias at all (a
 * non-ASCII character with its code point, its length), and the plugin modules that failed to load. `suggest`
 * is false for text longer than any alias: a did-you-mean over a megabyte costs seconds and helps no one.
 */
export function unknownDetail(
  alias: unknown,
  detail: string | undefined,
  loadErrors: string | undefined,
): { details: string | undefined; suggest: boolean } {
  const problem = typeof alias === 'string' ? aliasProblem(alias) : undefined;
  const lines = [detail, problem && `It cannot be an alias: ${problem}.`, loadErrors];
  const details = lines.filter((line) => line !== undefined && line !== '').join('\n');
  return { details: details || undefined, suggest: typeof alias === 'string' && alias.length <= MAX_ALIAS_LENGTH };
}
