import { PluginError } from './plugin-error.js';
import { list, messageOf, quote } from '../internal/quote.js';

/** A plugin's constructor (or one of its dependencies) threw. The original error is `cause`. */
export class PluginCreationError extends PluginError {
  readonly code = 'PLUGIN_CREATION_FAILED';

  constructor(
    readonly alias: string,
    /** The path from the plugin to what failed: the plugin's class first. */
    readonly path: readonly string[],
    cause: unknown,
  ) {
    super(`Could not create plugin ${quote(alias)} -> ${list(path, ' -> ')}. Cause: ${messageOf(cause)}`, {
      cause,
    });
  }
}
