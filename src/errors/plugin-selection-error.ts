import { PluginError } from './plugin-error.js';

/** A `plugins` selection that is not an alias, an instance, `{ alias, options }`, or an array of these. */
export class PluginSelectionError extends PluginError {
  readonly code = 'PLUGIN_INVALID_SELECTION';
}
