import { PluginCreationError } from '../errors/plugin-creation-error.js';
import { PluginRegistrationError } from '../errors/plugin-registration-error.js';
import type { RegisteredPlugin } from '../registry/registered-plugin.js';

/** How one kind of container builds a plugin class that declares injected dependencies. */
export interface ClassBuilder {
  /** The reflect-metadata key under which this container's decorators mark a class as injected. */
  readonly metadataKey: string;
  /** Builds the class through the container; PLUGIN_OPTIONS resolves to the options being built. */
  construct(entry: RegisteredPlugin): unknown;
}

/** Options of the plugins being built right now, innermost last: what PLUGIN_OPTIONS resolves to. */
const building: unknown[] = [];

/**
 * Builds one instance of `entry` with `options`: `new Target(options)` for a plain class, through the
 * container for one with injected dependencies. Any failure becomes a PluginCreationError naming the alias.
 */
export function constructPlugin(entry: RegisteredPlugin, options: unknown, builder: ClassBuilder): unknown {
  try {
    if (!entry.declaresInjection(builder.metadataKey)) {
      return new (entry.target as new (options: unknown) => unknown)(options);
    }
    building.push(options);
    try {
      return builder.construct(entry);
    } finally {
      building.pop();
    }
  } catch (error) {
    throw creationError(entry.alias, entry.target.name, error);
  }
}

/** The PluginCreationError for `error`, thrown while making `alias` by `label`, with the path to the failure. */
export function creationError(alias: string, label: string, error: unknown): PluginCreationError {
  const name = label || '(anonymous class)';
  if (error instanceof PluginCreationError) return new PluginCreationError(alias, [name, ...error.path], error.cause);
  return new PluginCreationError(alias, [name], error);
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
