import type { ClassBuilder } from './construct-plugin.js';
import type { PluginFactory } from './plugin-factory.js';
import type { CheckedAlias, PluginInstance, PluginOptionsOverride } from '../registry/plugin-types.js';
import { PluginConflictError } from '../errors/plugin-conflict-error.js';
import { normalizeSelection } from '../selection/normalize-selection.js';
import type { PluginSelection } from '../selection/plugin-selection.js';

/** The instances of a selection, grouped by kind: `{ strategy: [ddp], precision: [bf16] }`. */
export type ResolvedPlugins = Record<string, unknown[]>;

/**
 * Builds plugins by alias. Bound in every plugin container; inject it into services
 * (`@inject(PluginResolver)`) or take it with `container.get(PluginResolver)`.
 *
 * @example
 * const strategy = container.get(PluginResolver).resolve('deepspeed_zero_3', { offloadOptimizer: false });
 */
export class PluginResolver {
  readonly #factory: PluginFactory;
  readonly #builder: ClassBuilder;

  /** @internal Made by `pluginModule` and the tsyringe adapter; not constructed by users. */
  constructor(factory: PluginFactory, builder: ClassBuilder) {
    this.#factory = factory;
    this.#builder = builder;
  }

  /**
   * A new instance of the plugin under `alias` (or the container's singleton), its variant's params
   * merged with `overrides`. Throws UnknownPluginError, InvalidPluginOptionsError or PluginCreationError.
   */
  resolve<const TAlias extends string>(
    alias: CheckedAlias<TAlias>,
    overrides?: PluginOptionsOverride<TAlias>,
  ): PluginInstance<TAlias> {
    const entry = this.#factory.core.require(alias);
    return this.#factory.create(entry, overrides, this.#builder) as PluginInstance<TAlias>;
  }

  /**
   * The instances of a trainer's `plugins` option (an alias, an instance, `{ alias, options }`, or an array
   * of these), grouped by kind. Every alias is looked up before any plugin is built.
   */
  resolveAll(selection: PluginSelection): ResolvedPlugins {
    const registry = this.#factory.registry;
    const items = normalizeSelection(selection, registry).map((item) => {
      if ('instance' in item) return { kind: this.#kindOf(item.instance), name: nameOf(item.instance), item };
      const entry = this.#factory.core.require(item.choice.alias);
      // Messages name the alias as the user typed it (a deprecated alias too), not the one it led to.
      return { kind: entry.kind, name: item.choice.alias, item: { entry, options: item.choice.options } };
    });
    const named = new Map<string, string[]>();
    for (const { kind, name } of items) named.set(kind, [...(named.get(kind) ?? []), name]);
    for (const [kind, names] of named) {
      if (names.length > 1 && this.#factory.core.kindOptions(kind).exclusive)
        throw new PluginConflictError(kind, names);
    }
    const resolved: ResolvedPlugins = {};
    for (const { kind, item } of items) {
      const instance = 'entry' in item ? this.#factory.create(item.entry, item.options, this.#builder) : item.instance;
      (resolved[kind] ??= []).push(instance);
    }
    return resolved;
  }

  #kindOf(instance: object): string {
    const loaded = this.#factory.core.records().filter((entry) => !entry.lazy);
    return loaded.find((entry) => instance instanceof entry.target)?.kind ?? 'plugin';
  }
}

function nameOf(instance: object): string {
  const name = (instance.constructor as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' && name ? `${name} instance` : 'an instance';
}
