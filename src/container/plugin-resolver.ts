import type { ClassBuilder } from './construct-plugin.js';
import type { PluginFactory } from './plugin-factory.js';
import { ResolutionScope } from './resolution-scope.js';
import { Resolution, type ResolvedPlugins } from './resolution.js';
import type { CheckedAlias, PluginInstance, PluginOptionsOverride } from '../registry/plugin-types.js';
import type { PluginSelection } from '../selection/plugin-selection.js';

export type { ResolvedPlugins } from './resolution.js';

/**
 * Builds plugins by alias. Bound in every plugin container; inject it into services
 * (`@inject(PluginResolver)`) or take it with `container.get(PluginResolver)`.
 *
 * @example
 * const strategy = container.get(PluginResolver).resolve('deepspeed_zero_3', { offloadOptimizer: false });
 */
export class PluginResolver {
  readonly #resolution: Resolution;

  /** @internal Made by `pluginModule` and the tsyringe adapter; not constructed by users. */
  constructor(factory: PluginFactory, builder: ClassBuilder) {
    this.#resolution = new Resolution(factory, builder);
  }

  /**
   * A new instance of the plugin under `alias` (or the container's singleton), its variant's params
   * merged with `overrides`. Throws UnknownPluginError, InvalidPluginOptionsError or PluginCreationError
   * (also for a plugin with async set-up: use `resolveAsync`). The caller owns a transient instance.
   */
  resolve<const TAlias extends string>(
    alias: CheckedAlias<TAlias>,
    overrides?: PluginOptionsOverride<TAlias>,
  ): PluginInstance<TAlias> {
    return this.#resolution.resolve(alias, overrides) as PluginInstance<TAlias>;
  }

  /**
   * The instances of a trainer's `plugins` option (an alias, an instance, `{ alias, options }`, or an array
   * of these), grouped by kind, with the default of every kind it leaves out. The whole selection is checked
   * before any plugin is built: aliases, required and exclusive kinds, and every plugin's rules
   * (PluginConstraintError lists each broken one). Plugins are built, and listed per kind, in an order that
   * satisfies their `order`/`before`/`after` declarations, the selection's own order breaking ties. If building
   * one plugin fails, those built before are disposed.
   */
  resolveAll(selection: PluginSelection): ResolvedPlugins {
    return this.#resolution.resolveAll(selection);
  }

  /**
   * `resolve`, then the instance's async set-up (`[pluginSetup]()`) awaited. A singleton is built and set up
   * once, however many resolve it at the same time. If set-up fails, what was built is disposed and the
   * promise rejects with PluginCreationError naming the alias (the failure is its `cause`); if it outlasts
   * `setupTimeoutMs`, with PluginSetupTimeoutError. An instance with a `then` method cannot be the value of a
   * promise: resolving one rejects with PluginCreationError (`resolveAllAsync` returns it as it is).
   *
   * @example
   * const strategy = await resolver.resolveAsync('ddp');
   */
  async resolveAsync<const TAlias extends string>(
    alias: CheckedAlias<TAlias>,
    overrides?: PluginOptionsOverride<TAlias>,
  ): Promise<PluginInstance<TAlias>> {
    return (await this.#resolution.resolveAsync(alias, overrides)) as PluginInstance<TAlias>;
  }

  /**
   * `resolveAll`, awaiting each plugin's set-up in the order `resolveAll` builds them. If one fails (or outlasts
   * `setupTimeoutMs`), everything already built for the call is disposed (singletons stay with the container) and
   * the promise rejects.
   */
  async resolveAllAsync(selection: PluginSelection): Promise<ResolvedPlugins> {
    return this.#resolution.resolveAllAsync(selection);
  }

  /**
   * A resolution scope: resolves like this resolver, and owns the transient instances built through it.
   * Disposing it (`using`, `await using`, or `await scope.dispose()`) disposes them, newest first.
   *
   * @example
   * await using scope = resolver.scope();
   * const { strategy } = await scope.resolveAllAsync(plugins);
   */
  scope(): ResolutionScope {
    return new ResolutionScope(this.#resolution.factory, this.#resolution.builder);
  }
}
