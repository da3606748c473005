import { constructPlugin, creationError, type ClassBuilder } from './construct-plugin.js';
import { findReplacement } from './plugin-overrides.js';
import { InvalidPluginOptionsError } from '../errors/invalid-plugin-options-error.js';
import { cloneOptions, copyOptions, isPlainObject, mergeOptions } from '../internal/options.js';
import { describeValue } from '../registry/alias.js';
import { validateOptions } from '../registry/validate-options.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import type { RegisteredPlugin } from '../registry/registered-plugin.js';
import type { RegistryCore } from '../registry/registry-core.js';
import { internals } from '../registry/registry-internals.js';

/**
 * Builds configured plugin instances for one container: merges and checks options, applies test
 * overrides, keeps the container's singletons. Shared by the inversify and tsyringe integrations.
 */
export class PluginFactory {
  readonly #singletons = new Map<RegisteredPlugin, unknown>();
  readonly #owners: readonly object[];

  /** The registry's internal interface, looked up once: resolving is a hot path. */
  readonly core: RegistryCore;

  constructor(readonly registry: PluginRegistry) {
    this.#owners = [this, registry];
    this.core = internals(registry);
  }

  /**
   * A configured instance of `entry`: its params with `overrides` merged in, or the container's singleton.
   * A test override wins; a manifest entry has its module imported first.
   */
  create(entry: RegisteredPlugin, overrides: unknown, builder: ClassBuilder): unknown {
    const replacement = findReplacement(this.#owners, entry.key);
    if (replacement) {
      const options = optionsFor(entry, overrides);
      try {
        return replacement.produce(options);
      } catch (error) {
        throw creationError(entry.alias, replacement.label, error);
      }
    }
    const real = this.core.materialize(entry);
    if (real.scope === 'transient') return constructPlugin(real, optionsFor(real, overrides), builder);
    if (overrides !== undefined) {
      throw new InvalidPluginOptionsError(real.alias, [
        { path: [], message: 'a singleton plugin is built once per container and takes no per-call options' },
      ]);
    }
    if (this.#singletons.has(real)) return this.#singletons.get(real);
    const instance = constructPlugin(real, real.copyParams(), builder);
    this.#singletons.set(real, instance);
    return instance;
  }

  /** Drops what the factory keeps for an entry that left the registry. */
  forget(entry: RegisteredPlugin): void {
    this.#singletons.delete(entry);
  }
}

/** A fresh copy of the entry's params with `overrides` (checked) merged in. */
function optionsFor(entry: RegisteredPlugin, overrides: unknown): unknown {
  if (overrides === undefined) return entry.copyParams();
  if (!isPlainObject(overrides)) {
    throw new InvalidPluginOptionsError(entry.alias, [
      { path: [], message: `options must be a plain object, got ${describeValue(overrides)}` },
    ]);
  }
  const { copy, issues } = copyOptions(overrides);
  if (issues.length > 0) throw new InvalidPluginOptionsError(entry.alias, issues);
  const merged = mergeOptions(entry.params, copy);
  return cloneOptions(entry.schema || entry.optionKeys ? validateOptions(entry.alias, merged, entry) : merged);
}
