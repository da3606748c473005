import { PLUGIN_FACTORY } from '../container/plugin-bindings.js';
import { PluginFactory } from '../container/plugin-factory.js';
import { addReplacement } from '../container/plugin-overrides.js';
import { PluginError } from '../errors/plugin-error.js';
import { PluginRegistrationError } from '../errors/plugin-registration-error.js';
import { messageOf } from '../internal/quote.js';
import { readArgument } from '../registry/arguments.js';
import { describeValue } from '../registry/alias.js';
import { PluginRegistry } from '../registry/plugin-registry.js';
import type { CheckedAlias, PluginInstance } from '../registry/plugin-types.js';
import { toReplacement, type PluginReplacement } from './plugin-replacement.js';
import { inFlowAliasBlock } from '../registry/flow-aliases.js';
import { internals } from '../registry/registry-internals.js';

/** A plugin container (inversify `Container` or tsyringe `DependencyContainer`) or a registry. */
export type OverrideTarget = PluginRegistry | object;

/** How an override treats an alias that is not registered. */
export interface OverrideOptions {
  /** Register the alias for as long as the override lasts, instead of throwing UnknownPluginError. */
  allowNew?: boolean;
  /** The kind of a new alias (with `allowNew`). Default `'plugin'`. */
  kind?: string;
  /**
   * Let the container (a singleton's replacement) or resolution scope (a transient's) dispose the replacement's
   * instances as it would the plugin's own. Default false: the test's instances are never disposed by plugboard.
   */
  dispose?: boolean;
}

interface InversifyLike {
  isBound(id: symbol): boolean;
  getAll(id: symbol): unknown[];
}
interface TsyringeLike {
  isRegistered(id: symbol, recursive?: boolean): boolean;
  resolve(id: symbol): unknown;
}

/**
 * Puts `replacement` in place of the plugin under `alias`, for a container or for every container of a
 * registry. Only that alias changes; dispose the result to bring back exactly what was there (twice is
 * harmless). Made inside `withPluginOverrides`, it is seen by that async flow only, also an alias that
 * `allowNew` adds (it never enters the shared registry there).
 *
 * @example
 * using _ = overridePlugin(container, 'ddp', new FakeStrategy());
 */
export function overridePlugin<const TAlias extends string>(
  target: OverrideTarget,
  alias: CheckedAlias<TAlias>,
  replacement: PluginReplacement<PluginInstance<TAlias>>,
  options: OverrideOptions = {},
): Disposable & {
  /** Undoes it, as `[Symbol.dispose]()` does. */
  dispose(): void;
} {
  try {
    return override(target, alias, replacement, options);
  } catch (error) {
    if (PluginError.is(error)) throw error;
    throw new PluginRegistrationError(`overridePlugin() failed: ${messageOf(error)}.`, { cause: error });
  }
}

function override(
  target: OverrideTarget,
  alias: string,
  replacement: unknown,
  options: OverrideOptions,
): Disposable & { dispose(): void } {
  const {
    allowNew,
    kind,
    dispose: disposeReplacement,
  } = readArgument(options, 'overridePlugin()', ['allowNew', 'kind', 'dispose']);
  const owners = ownersOf(target);
  const made = { ...toReplacement(alias, replacement), dispose: readFlag(disposeReplacement, 'dispose') };
  let owner = owners.find((candidate) => internals(registryOf(candidate)).lookup(alias));
  const undo: (() => void)[] = [];
  if (!owner) {
    const first = owners[0];
    if (!first || allowNew !== true) throw internals(registryOf(first ?? new PluginRegistry())).unknown(alias);
    // A new alias needs a registration (for look-ups and container bindings) while the override lasts;
    // the replacement builds its instances. Inside withPluginOverrides it exists in that flow only (issue 12).
    const kindName = (kind ?? 'plugin') as string;
    if (inFlowAliasBlock()) {
      undo.push(internals(registryOf(first)).addFlowAlias(OverridePlaceholder, alias, kindName));
    } else {
      const registration = registryOf(first).register(OverridePlaceholder, { alias, kind: kindName });
      undo.push(() => {
        registration.dispose();
      });
    }
    owner = first;
  }
  const key = internals(registryOf(owner)).require(alias).key;
  undo.unshift(addReplacement(owner, key, made));
  const dispose = (): void => {
    for (const step of undo.splice(0)) step();
  };
  return { dispose, [Symbol.dispose]: dispose };
}

/** Stands in the registry for an alias that only exists while an override with `allowNew` lasts. */
class OverridePlaceholder {}

function ownersOf(target: OverrideTarget): (PluginRegistry | PluginFactory)[] {
  if (target instanceof PluginRegistry) return [target];
  const inversify = target as Partial<InversifyLike>;
  if (typeof inversify.isBound === 'function' && typeof inversify.getAll === 'function') {
    if (inversify.isBound(PLUGIN_FACTORY)) return factories(inversify.getAll(PLUGIN_FACTORY));
  }
  const tsyringe = target as Partial<TsyringeLike>;
  if (typeof tsyringe.isRegistered === 'function' && typeof tsyringe.resolve === 'function') {
    if (tsyringe.isRegistered(PLUGIN_FACTORY, true)) return factories([tsyringe.resolve(PLUGIN_FACTORY)]);
  }
  throw new PluginRegistrationError(
    'overridePlugin() needs a PluginRegistry, a container made by createPluginContainer() (or with pluginModule ' +
      'loaded), or a tsyringe container passed to registerPlugins().',
  );
}

function factories(values: unknown[]): PluginFactory[] {
  return values.filter((value) => value instanceof PluginFactory);
}

function registryOf(owner: PluginRegistry | PluginFactory): PluginRegistry {
  return owner instanceof PluginRegistry ? owner : owner.registry;
}

/** An optional boolean option of overridePlugin(); anything else is refused rather than read as false. */
function readFlag(value: unknown, name: string): boolean {
  if (value === undefined || typeof value === 'boolean') return value === true;
  throw new PluginRegistrationError(`overridePlugin(): ${name} must be true or false, got ${describeValue(value)}.`);
}
