import { PluginError } from '../errors/plugin-error.js';

/**
 * Discovery refused a plugin module or package: a file outside the folder plugins may be loaded from,
 * a package entry that points outside its package, or a package's malformed `"plugboard"` field.
 * Nothing of what was refused is imported.
 */
export class PluginDiscoveryError extends PluginError {
  readonly code = 'PLUGIN_DISCOVERY_FAILED';

  constructor(
    message: string,
    /** The file or package entry that was refused. */
    readonly path: string,
    /** The folder it had to stay inside: the discovery root, or the package's folder. */
    readonly root?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
