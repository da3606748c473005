import { PluginError } from './plugin-error.js';
import { quote, quoteList, truncate } from '../internal/quote.js';

const MAX_LISTED = 20;

/** An alias that is not registered. The message offers close matches and the registered aliases. */
export class UnknownPluginError extends PluginError {
  readonly code = 'PLUGIN_NOT_FOUND';

  constructor(
    /** The alias as it was asked for (a caller may have passed a non-string). */
    readonly alias: unknown,
    /** Registered aliases close to `alias`, closest first. */
    readonly suggestions: readonly string[],
    /** The aliases a caller could have asked for (of `kind`, when known). */
    readonly available: readonly string[],
    /** The kind that was asked for, when the caller named one. */
    readonly kind?: string,
    /** Where the alias came from, such as a position in a selection; ends the message. */
    detail?: string,
  ) {
    const where = kind === undefined ? '' : ` (kind ${truncate(kind)})`;
    const hint = suggestions.length > 0 ? ` Did you mean ${quoteList(suggestions, 'or')}?` : '';
    const list =
      available.length === 0
        ? ' No plugins are registered; import the modules that register them.'
        : available.length <= MAX_LISTED
          ? ` Available: ${available.map((alias) => truncate(alias)).join(', ')}.`
          : ` Available (first ${String(MAX_LISTED)} of ${String(available.length)}): ` +
            `${available
              .slice(0, MAX_LISTED)
              .map((alias) => truncate(alias))
              .join(', ')}; availablePlugins() lists them all.`;
    super(`No plugin ${quote(alias)}${where}.${hint}${list}${detail ? `\n${detail}` : ''}`);
  }
}
