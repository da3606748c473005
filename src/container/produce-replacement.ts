import { creationError, withoutCycle } from './construct-plugin.js';
import { optionsFor } from './options-for.js';
import type { Replacement } from './plugin-overrides.js';
import { PluginError } from '../errors/plugin-error.js';
import type { RegisteredPlugin } from '../registry/registered-plugin.js';
import type { RegistryCore } from '../registry/registry-core.js';

/**
 * The instance a test's `replacement` makes for `entry` of `owner` (a container's factory), from the options
 * the plugin would have had. A replacement that needs itself while it is being made is refused as a
 * dependency cycle, and any failure is a PluginCreationError naming the alias and the replacement.
 */
export function produceReplacement(
  owner: object,
  entry: RegisteredPlugin,
  replacement: Replacement,
  overrides: unknown,
  core: RegistryCore,
): unknown {
  try {
    const options = optionsFor(entry, overrides, core);
    return withoutCycle(owner, entry, () => {
      try {
        return replacement.produce(options);
      } catch (error) {
        throw creationError(entry.alias, replacement.label, error);
      }
    });
  } catch (error) {
    if (PluginError.is(error)) throw error;
    throw creationError(entry.alias, replacement.label, error);
  }
}
