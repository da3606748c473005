import type { PluginRegistry } from '../registry/plugin-registry.js';
import { readPluginsOption, type PluginsOption } from '../selection/read-plugins-option.js';

/** The `--selection` text of a command, read as `readPluginsOption` reads a flag (its source is `--selection`). */
export function readCliSelection(text: string, registry: PluginRegistry): PluginsOption {
  return readPluginsOption({ argv: [`--selection=${text}`], flag: 'selection', registry });
}

/** `fn()` without Node's DeprecationWarning for deprecated aliases: the commands name them in their output. */
export function withoutDeprecationWarnings<T>(fn: () => T): T {
  const quiet = process.noDeprecation === true;
  process.noDeprecation = true;
  try {
    return fn();
  } finally {
    process.noDeprecation = quiet;
  }
}
