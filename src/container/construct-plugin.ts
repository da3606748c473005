import { PluginCreationError } from '../errors/plugin-creation-error.js';
import { PluginRegistrationError } from '../errors/plugin-registration-error.js';
import type { RegisteredPlugin } from '../registry/registered-plugin.js';

// Where inversify keeps a class's @injectable/@inject metadata (reflect-metadata, key from @inversifyjs/core).
const INVERSIFY_CLASS_METADATA = '@inversifyjs/core/classMetadataReflectKey';

type MetadataReader = { getOwnMetadata?: (key: unknown, target: object) => unknown };

/** Options of the plugins being built right now, innermost last: what PLUGIN_OPTIONS resolves to. */
const building: unknown[] = [];

/** True if inversify must build the class (it declares injected dependencies); false if `new Target(options)` will do. */
export function needsContainer(target: object): boolean {
  return (Reflect as MetadataReader).getOwnMetadata?.(INVERSIFY_CLASS_METADATA, target) !== undefined;
}

/**
 * Builds one instance of `entry` with `options`. A class with injected dependencies is built by the
 * container through `get(entry.serviceId)`; a plain class by `new`. Failures become PluginCreationError.
 */
export function constructPlugin(entry: RegisteredPlugin, options: unknown, get: (id: symbol) => unknown): unknown {
  try {
    if (!needsContainer(entry.target)) return new (entry.target as new (options: unknown) => unknown)(options);
    building.push(options);
    try {
      return get(entry.serviceId);
    } finally {
      building.pop();
    }
  } catch (error) {
    const name = entry.target.name || '(anonymous class)';
    if (error instanceof PluginCreationError) {
      throw new PluginCreationError(entry.alias, [name, ...error.path], error.cause);
    }
    throw new PluginCreationError(entry.alias, [name], error);
  }
}

/** The value of PLUGIN_OPTIONS: the options of the plugin being built. */
export function currentPluginOptions(): unknown {
  if (building.length === 0) {
    throw new PluginRegistrationError(
      'PLUGIN_OPTIONS was injected outside the construction of a plugin. ' +
        'Inject it only into classes registered with @RegisterPlugin, and resolve them by alias.',
    );
  }
  return building.at(-1);
}
