import type { ClassBuilder } from './construct-plugin.js';
import { OwnedInstances } from './owned-instances.js';
import type { PluginFactory } from './plugin-factory.js';
import { Resolution, type ResolvedPlugins } from './resolution.js';
import { PluginDisposalError } from '../errors/plugin-disposal-error.js';
import { PluginDisposedError } from '../errors/plugin-disposed-error.js';
import type { CheckedAlias, PluginInstance, PluginOptionsOverride } from '../registry/plugin-types.js';
import type { PluginSelection } from '../selection/plugin-selection.js';

/**
 * What `resolver.scope()` returns: resolves like PluginResolver and owns the transient instances built
 * through it (singletons stay with their container; instances passed in a selection stay with the caller).
 * Disposing it disposes them in reverse order of creation, then refuses further resolves (PluginDisposedError).
 *
 * @example
 * await using scope = resolver.scope();
 * const strategy = await scope.resolveAsync('ddp');
 * // strategy[Symbol.asyncDispose]() runs when the block ends, also when it throws
 */
export class ResolutionScope implements Disposable, AsyncDisposable {
  readonly #owned = new OwnedInstances();
  readonly #resolution: Resolution;
  #disposal: Promise<void> | undefined;

  /** @internal Made by `resolver.scope()`. */
  constructor(factory: PluginFactory, builder: ClassBuilder) {
    this.#resolution = new Resolution(factory, builder, {
      owned: this.#owned,
      assertOpen: (alias) => {
        if (this.disposed) throw new PluginDisposedError(alias, 'scope');
      },
    });
  }

  /** True once disposal started. */
  get disposed(): boolean {
    return this.#disposal !== undefined;
  }

  /** `PluginResolver.resolve`; the scope owns a transient instance. */
  resolve<const TAlias extends string>(
    alias: CheckedAlias<TAlias>,
    overrides?: PluginOptionsOverride<TAlias>,
  ): PluginInstance<TAlias> {
    return this.#resolution.resolve(alias, overrides) as PluginInstance<TAlias>;
  }

  /** `PluginResolver.resolveAll`; the scope owns the transient instances. */
  resolveAll(selection: PluginSelection): ResolvedPlugins {
    return this.#resolution.resolveAll(selection);
  }

  /** `PluginResolver.resolveAsync`; the scope owns a transient instance. */
  async resolveAsync<const TAlias extends string>(
    alias: CheckedAlias<TAlias>,
    overrides?: PluginOptionsOverride<TAlias>,
  ): Promise<PluginInstance<TAlias>> {
    return (await this.#resolution.resolveAsync(alias, overrides)) as PluginInstance<TAlias>;
  }

  /** `PluginResolver.resolveAllAsync`; the scope owns the transient instances. */
  async resolveAllAsync(selection: PluginSelection): Promise<ResolvedPlugins> {
    return this.#resolution.resolveAllAsync(selection);
  }

  /**
   * Disposes what the scope owns, newest first, awaiting async disposal; every failure is collected into
   * one PluginDisposalError. Calling it again returns the same promise.
   */
  dispose(): Promise<void> {
    this.#disposal ??= this.#owned.disposeAsync();
    return this.#disposal;
  }

  /** `await using scope = ...` */
  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose();
  }

  /**
   * `using scope = ...`: disposes synchronously. If an owned instance has only `[Symbol.asyncDispose]`, nothing
   * is disposed and PluginDisposalError names it: use `await using` (or `await scope.dispose()`) instead.
   */
  [Symbol.dispose](): void {
    if (this.#disposal) return;
    if (this.#owned.needsAsync()) {
      throw new PluginDisposalError(
        this.#owned.asyncOnly().map((alias) => ({
          alias,
          cause: new TypeError(
            'it has only [Symbol.asyncDispose]: dispose the scope with `await using` or `await scope.dispose()`',
          ),
        })),
      );
    }
    this.#disposal = Promise.resolve();
    this.#owned.disposeSync();
  }
}
