import { PluginError } from './plugin-error.js';

/**
 * A `plugins` selection that cannot be read: malformed text (with `position`, counted from 0, in `input`),
 * or an item that is not an alias, an instance, `{ alias, options }`, or an array of these.
 */
export class PluginSelectionError extends PluginError {
  readonly code = 'PLUGIN_INVALID_SELECTION';
  readonly input: string | undefined;
  readonly position: number | undefined;

  constructor(message: string, where: { input?: string; position?: number } = {}) {
    super(message);
    this.input = where.input;
    this.position = where.position;
  }
}
