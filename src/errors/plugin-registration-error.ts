import { PluginError } from './plugin-error.js';

/** A registration that plugboard refuses: a bad alias, kind or option, or a target that is not a class. */
export class PluginRegistrationError extends PluginError {
  readonly code = 'PLUGIN_INVALID_REGISTRATION';
}
