import { PluginError } from './plugin-error.js';
import { quote, truncate } from '../internal/quote.js';

/**
 * A plugin's async set-up (`[pluginSetup]()`) did not finish within its `setupTimeoutMs`. What the resolve call had
 * built is disposed; the instance itself is disposed when its set-up finally settles.
 */
export class PluginSetupTimeoutError extends PluginError {
  readonly code = 'PLUGIN_SETUP_TIMEOUT';

  constructor(
    /** The alias of the plugin whose set-up timed out, as registered. */
    readonly alias: string,
    /** Its kind. */
    readonly kind: string,
    /** The limit that passed, in milliseconds. */
    readonly timeoutMs: number,
    /** Where the plugin was registered: `ClassName (file:line)`. */
    readonly registeredAt: string,
  ) {
    super(
      `Plugin ${quote(alias)} (kind ${quote(kind)}, ${truncate(registeredAt)}) did not finish its set-up ` +
        `within ${timeoutMs} ms. Make its [pluginSetup]() finish sooner, or raise setupTimeoutMs ` +
        '(on its registration, or on the container).',
    );
  }
}
