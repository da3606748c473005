import { PluginError } from './plugin-error.js';
import { quote } from '../internal/quote.js';

/** An alias that another registration already holds, registered without `{ override: true }`. */
export class DuplicatePluginError extends PluginError {
  readonly code = 'PLUGIN_DUPLICATE';

  constructor(
    readonly alias: string,
    /** The registration that holds the alias: class name and, where known, file and line. */
    readonly existing: string,
    /** The registration that was refused. */
    readonly attempted: string,
  ) {
    super(
      `Alias ${quote(alias)} is already registered by ${existing}; cannot register ${attempted}. ` +
        'Pass { override: true } to replace it.',
    );
  }
}
