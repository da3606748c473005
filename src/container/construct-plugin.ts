import { PluginCreationError } from '../errors/plugin-creation-error.js';
import { PluginRegistrationError } from '../errors/plugin-registration-error.js';
import type { RegisteredPlugin } from '../registry/registered-plugin.js';

/** How one kind of container builds a plugin class that declares injected dependencies. */
export interface ClassBuilder {
  /** True if the container must build the class; false if `new Target(options)` will do. */
  needsContainer(target: object): boolean;
  /** Builds the class through the container; PLUGIN_OPTIONS resolves to the options being built. */
  construct(entry: RegisteredPlugin): unknown;
}

/** Options of the plugins being built right now, innermost last: what PLUGIN_OPTIONS resolves to. */
const building: unknown[] = [];

/** True if `target` carries reflect-metadata under `key` (set by a container's @inject decorators). */
export function hasOwnMetadata(target: object, key: string): boolean {
  const reader = Reflect as { getOwnMetadata?: (key: unknown, target: object) => unknown };
  return reader.getOwnMetadata?.(key, target) !== undefined;
}

/** Builds one instance of `entry` with `options`; any failure becomes a PluginCreationError naming the alias. */
export function constructPlugin(entry: RegisteredPlugin, options: unknown, builder: ClassBuilder): unknown {
  return producing(entry.alias, entry.target.name, () => {
    if (!builder.needsContainer(entry.target)) return new (entry.target as new (options: unknown) => unknown)(options);
    building.push(options);
    try {
      return builder.construct(entry);
    } finally {
      building.pop();
    }
  });
}

/** Runs `make`, turning what it throws into a PluginCreationError with the path from `alias` to the failure. */
export function producing(alias: string, label: string, make: () => unknown): unknown {
  try {
    return make();
  } catch (error) {
    const name = label || '(anonymous class)';
    if (error instanceof PluginCreationError) throw new PluginCreationError(alias, [name, ...error.path], error.cause);
    throw new PluginCreationError(alias, [name], error);
  }
}

/** The value of PLUGIN_OPTIONS: the options of the plugin being built. */
export function currentPluginOptions(): unknown {
  if (building.length === 0) {
    throw new PluginRegistrationError(
      'PLUGIN_OPTIONS was injected outside the construction of a plugin. ' +
        'Inject it only into classes registered as plugins, and resolve them by alias.',
    );
  }
  return building.at(-1);
}
