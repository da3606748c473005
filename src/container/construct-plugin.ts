import { PluginCreationError } from '../errors/plugin-creation-error.js';
import { PluginError } from '../errors/plugin-error.js';
import { PluginRegistrationError } from '../errors/plugin-registration-error.js';
import { list, messageOf, nameOf } from '../internal/quote.js';
import { describeToken, type InjectedDependency } from '../registry/plugin-dependency.js';
import type { RegisteredPlugin } from '../registry/registered-plugin.js';
import { PLUGIN_OPTIONS } from './plugin-options.js';

/** How one kind of container builds a plugin class that declares injected dependencies. */
export interface ClassBuilder {
  /** The reflect-metadata key under which this container's decorators mark a class as injected. */
  readonly metadataKey: string;
  /** Builds the class through the container; PLUGIN_OPTIONS resolves to the options being built. */
  construct(entry: RegisteredPlugin): unknown;
  /** Resolves one dependency a registration declares in `inject` (never PLUGIN_OPTIONS, which is the options). */
  resolve(dependency: InjectedDependency): unknown;
  /**
   * What the container itself has registered for `entry`'s alias in place of the plugin (a tsyringe child
   * container's own `pluginAliasToken` registration), or undefined to build the plugin (issue 12).
   */
  readonly registered?: (entry: RegisteredPlugin) => { readonly value: unknown } | undefined;
}

/** Options of the plugins being built right now, innermost last: what PLUGIN_OPTIONS resolves to. */
const building: unknown[] = [];

/** The plugins being built right now, innermost last, and by which factory (kept side by side: no object per build). */
const underway: RegisteredPlugin[] = [];
const underwayOwners: object[] = [];

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
      const inject = entry.inject;
      if (inject === undefined) return builder.construct(entry);
      const values = resolveDependencies(inject, options, builder);
      return new (entry.target as new (...values: unknown[]) => unknown)(...values);
    } finally {
      building.pop();
    }
  } catch (error) {
    throw creationError(entry.alias, nameOf(entry.target), error);
  }
}

/**
 * The constructor arguments a registration's `inject` list names: the options for PLUGIN_OPTIONS, the rest
 * resolved through `builder`. A dependency that cannot be resolved is named by its position and token.
 */
function resolveDependencies(
  inject: readonly InjectedDependency[],
  options: unknown,
  builder: ClassBuilder,
): unknown[] {
  const values: unknown[] = [];
  for (let index = 0; index < inject.length; index += 1) {
    const dependency = inject[index] as InjectedDependency;
    if (dependency.token === PLUGIN_OPTIONS) {
      values.push(options);
      continue;
    }
    try {
      values.push(builder.resolve(dependency));
    } catch (error) {
      // A plugin among the dependencies failed to build: its error already names the way to it.
      if (isCreationError(error)) throw error;
      // plugboard's own refusals say what to do; a container's "nothing bound" gets the fix added.
      const fix = PluginError.is(error)
        ? ''
        : ' Bind it in the container (or its parent), or declare it { token, optional: true }.';
      throw new PluginRegistrationError(
        `constructor parameter ${String(index + 1)} (inject[${String(index)}], ${describeToken(dependency.token)}) ` +
          `could not be resolved: ${messageOf(error)}${fix}`,
        { cause: error },
      );
    }
  }
  return values;
}

/**
 * Runs `build` for `entry` of `owner`, refusing a plugin that needs itself while it is being built (through
 * a constructor that resolves it, directly or through other plugins): that would overflow the stack.
 */
export function withoutCycle<T>(owner: object, entry: RegisteredPlugin, build: () => T): T {
  enterBuild(owner, entry);
  try {
    return build();
  } finally {
    leaveBuild();
  }
}

/**
 * Marks `entry` of `owner` as being built until `leaveBuild()`; throws PluginCreationError naming the cycle if
 * it already is. `withoutCycle` without a closure, for the resolve path.
 */
export function enterBuild(owner: object, entry: RegisteredPlugin): void {
  // Kept small (the error is made elsewhere), so that V8 inlines it into the resolve path.
  for (let index = 0; index < underway.length; index += 1) {
    if (underwayOwners[index] === owner && (underway[index] as RegisteredPlugin).key === entry.key) {
      throw cycleError(index, entry);
    }
  }
  underway.push(entry);
  underwayOwners.push(owner);
}

/** The error for `entry`, needed again while being built since step `index` of `underway`. */
function cycleError(index: number, entry: RegisteredPlugin): PluginCreationError {
  const cycle = [...underway.slice(index).map((step) => step.alias), entry.alias];
  return new PluginCreationError(entry.alias, [], new Error(`a dependency cycle: ${list(cycle, ' -> ')}`));
}

/** Ends the innermost `enterBuild`. */
export function leaveBuild(): void {
  underway.pop();
  underwayOwners.pop();
}

/** The PluginCreationError for `error`, thrown while making `alias` by `label`, with the path to the failure. */
export function creationError(alias: string, label: string, error: unknown): PluginCreationError {
  const name = label || '(anonymous class)';
  if (isCreationError(error)) return new PluginCreationError(alias, [name, ...error.path], error.cause);
  return new PluginCreationError(alias, [name], error);
}

/** `instanceof PluginCreationError`, false for a thrown Proxy whose traps throw. */
function isCreationError(error: unknown): error is PluginCreationError {
  try {
    return error instanceof PluginCreationError;
  } catch {
    return false;
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
