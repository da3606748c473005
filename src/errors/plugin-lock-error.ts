import { PluginError } from './plugin-error.js';

/** A plugin lock that cannot be read: not JSON, not a lock, or written by a newer plugboard. */
export class PluginLockError extends PluginError {
  readonly code = 'PLUGIN_INVALID_LOCK';
}
