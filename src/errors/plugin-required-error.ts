import { PluginError } from './plugin-error.js';
import { quote } from '../internal/quote.js';

/** A selection has no plugin of a kind declared `required`, and the kind has no default. */
export class PluginRequiredError extends PluginError {
  readonly code = 'PLUGIN_REQUIRED';

  constructor(
    readonly kind: string,
    /** The aliases of the kind, any of which would do. */
    readonly aliases: readonly string[],
  ) {
    const choices =
      aliases.length > 0 ? `Choose one of: ${aliases.join(', ')}.` : 'No plugin of that kind is registered.';
    super(`The selection needs a plugin of kind ${quote(kind)}, and the kind has no default. ${choices}`);
  }
}
