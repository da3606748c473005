import type { ClassBuilder } from './construct-plugin.js';
import type { PluginFactory } from './plugin-factory.js';
import { kindOfInstance, nameOfInstance } from './instance-kind.js';
import type { RegisteredPlugin } from '../registry/registered-plugin.js';
import type { CheckedAlias, PluginInstance, PluginOptionsOverride } from '../registry/plugin-types.js';
import { PluginConflictError } from '../errors/plugin-conflict-error.js';
import { normalizeSelection } from '../selection/normalize-selection.js';
import type { PluginSelection } from '../selection/plugin-selection.js';

/** The instances of a selection, grouped by kind: `{ strategy: [ddp], precision: [bf16] }`. */
export type ResolvedPlugins = Record<string, unknown[]>;

/** @internal Checks a request for `entry` and returns the step that builds it (see PluginFactory.plan). */
export type PluginPlanner = (entry: RegisteredPlugin, overrides: unknown) => () => unknown;

/**
 * Builds plugins by alias. Bound in every plugin container; inject it into services
 * (`@inject(PluginResolver)`) or take it with `container.get(PluginResolver)`.
 *
 * @example
 * const strategy = container.get(PluginResolver).resolve('deepspeed_zero_3', { offloadOptimizer: false });
 */
export class PluginResolver {
  readonly #factory: PluginFactory;
  readonly #plan: PluginPlanner;

  /** @internal Made by `pluginModule` and the tsyringe adapter; not constructed by users. */
  constructor(factory: PluginFactory, builder: ClassBuilder, plan?: PluginPlanner) {
    this.#factory = factory;
    this.#plan = plan ?? ((entry, overrides) => factory.plan(entry, overrides, builder));
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
    return this.#plan(entry, overrides)() as PluginInstance<TAlias>;
  }

  /**
   * The instances of a trainer's `plugins` option (an alias, an instance, `{ alias, options }`, or an array
   * of these), grouped by kind. Every item (alias, conflicts, options) is checked before any plugin is built.
   */
  resolveAll(selection: PluginSelection): ResolvedPlugins {
    const registry = this.#factory.registry;
    const items = normalizeSelection(selection, registry).map((item) => {
      if ('instance' in item) {
        const instance = item.instance;
        return {
          kind: kindOfInstance(this.#factory.core, instance),
          name: nameOfInstance(instance),
          plan: () => () => instance,
        };
      }
      const entry = this.#factory.core.require(item.choice.alias);
      const options = item.choice.options;
      return { kind: entry.kind, name: entry.alias, plan: () => this.#plan(entry, options) };
    });
    // Kinds in a Map: a kind named "constructor" or "toString" is just a name.
    const byKind = new Map<string, string[]>();
    for (const { kind, name } of items) byKind.set(kind, [...(byKind.get(kind) ?? []), name]);
    for (const [kind, names] of byKind) {
      if (names.length > 1 && this.#factory.core.kindOptions(kind).exclusive)
        throw new PluginConflictError(kind, names);
    }
    const planned = items.map(({ kind, plan }) => ({ kind, build: plan() }));
    const resolved = new Map<string, unknown[]>();
    for (const { kind, build } of planned) {
      const group = resolved.get(kind) ?? [];
      group.push(build());
      resolved.set(kind, group);
    }
    return Object.fromEntries(resolved);
  }
}
