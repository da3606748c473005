import { PluginError } from './plugin-error.js';
import { quote } from '../internal/quote.js';

/** A selection that holds two plugins which cannot go together, such as two of one exclusive kind. */
export class PluginConflictError extends PluginError {
  readonly code = 'PLUGIN_CONFLICT';

  constructor(
    readonly kind: string,
    /** The aliases (or class names) that conflict. */
    readonly plugins: readonly string[],
  ) {
    super(
      `Only one plugin of kind ${quote(kind)} can be selected, got ${plugins.map((p) => quote(p)).join(' and ')}. ` +
        'Remove all but one from the selection.',
    );
  }
}
