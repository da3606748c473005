import { PluginError } from '../errors/plugin-error.js';

/**
 * A plugin manifest that cannot be written or read: a plugin whose params are not JSON, a module that
 * failed to load while writing it, or a file that is not a manifest this version of plugboard reads.
 */
export class PluginManifestError extends PluginError {
  readonly code = 'PLUGIN_INVALID_MANIFEST';

  constructor(
    message: string,
    /** The manifest file. */
    readonly file: string,
    /** Each problem found, one line each. */
    readonly problems: readonly string[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
