import { PluginError } from './plugin-error.js';
import { quote } from '../internal/quote.js';

/**
 * A plugin package declares a range of host versions (its `peerDependencies` entry for the host, or its
 * `"plugboard": { "hosts": ... }` field) that the registry's `host` version is not in. Discovery skips the
 * package without importing it and reports this error, unless `allowIncompatible` asks it to load the package
 * anyway.
 */
export class PluginIncompatibleError extends PluginError {
  readonly code = 'PLUGIN_INCOMPATIBLE';

  constructor(
    /** The plugin package's name. */
    readonly packageName: string,
    /** The plugin package's version. */
    readonly packageVersion: string,
    /** The range of host versions the package declares, as written. */
    readonly range: string,
    /** The registry's host. */
    readonly host: { readonly name: string; readonly version: string },
  ) {
    super(
      `Plugin package ${quote(packageName)} ${quote(packageVersion)} supports ${quote(host.name)} ${quote(range)}, ` +
        `not version ${quote(host.version)}; it was not loaded. Install a version of the package made for ` +
        `${quote(host.name)} ${quote(host.version)}, or pass { allowIncompatible: true } (--allow-incompatible) ` +
        'to load it anyway.',
    );
  }
}
