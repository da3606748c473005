import { PluginError } from './plugin-error.js';
import { quote } from '../internal/quote.js';

/** A plugin was asked of a container or resolution scope that has been disposed. */
export class PluginDisposedError extends PluginError {
  readonly code = 'PLUGIN_DISPOSED';

  constructor(
    /** The alias that was asked for, when there was one. */
    readonly alias: string | undefined,
    /** What was disposed: `'container'` or `'scope'`. */
    readonly owner: 'container' | 'scope',
  ) {
    super(
      `Cannot resolve ${alias === undefined ? 'plugins' : `plugin ${quote(alias)}`}: its ${owner} has been disposed. ` +
        `Resolve plugins before disposing the ${owner}, or create a new one.`,
    );
  }
}
