import type { PluginBindings } from './plugin-bindings.js';
import type { PluginInstance } from '../registry/plugin-types.js';
import { normalizeSelection, type PluginSelection } from '../selection/plugin-selection.js';

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
  readonly #bindings: PluginBindings;
  readonly #get: (id: symbol) => unknown;

  /** @internal Made by `pluginModule`; not constructed by users. */
  constructor(bindings: PluginBindings, get: (id: symbol) => unknown) {
    this.#bindings = bindings;
    this.#get = get;
  }

  /**
   * A new instance of the plugin under `alias` (or the container's singleton), its variant's params
   * merged with `overrides`. Throws UnknownPluginError, InvalidPluginOptionsError or PluginCreationError.
   */
  resolve<TAlias extends string>(alias: TAlias, overrides?: Record<string, unknown>): PluginInstance<TAlias> {
    const entry = this.#bindings.registry.require(alias);
    return this.#bindings.create(entry, overrides, this.#get) as PluginInstance<TAlias>;
  }

  /**
   * The instances of a trainer's `plugins` option (an alias, an instance, `{ alias, options }`, or an array
   * of these), grouped by kind. Every alias is looked up before any plugin is built.
   */
  resolveAll(selection: PluginSelection): ResolvedPlugins {
    const registry = this.#bindings.registry;
    const items = normalizeSelection(selection).map((item) =>
      'choice' in item ? { entry: registry.require(item.choice.alias), options: item.choice.options } : item,
    );
    const resolved: ResolvedPlugins = {};
    for (const item of items) {
      const kind = 'entry' in item ? item.entry.kind : this.#kindOf(item.instance);
      const instance = 'entry' in item ? this.#bindings.create(item.entry, item.options, this.#get) : item.instance;
      (resolved[kind] ??= []).push(instance);
    }
    return resolved;
  }

  #kindOf(instance: object): string {
    return this.#bindings.registry.records().find((entry) => instance instanceof entry.target)?.kind ?? 'plugin';
  }
}
