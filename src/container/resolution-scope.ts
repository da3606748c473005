import type { ClassBuilder } from './construct-plugin.js';
import { OwnedInstances } from './owned-instances.js';
import type { PluginFactory } from './plugin-factory.js';
import { Resolution, type ResolvedPlugins } from './resolution.js';
import { PluginDisposalError } from '../errors/plugin-disposal-error.js';
import { PluginDisposedError } from '../errors/plugin-disposed-error.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
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
  /** Async resolves in progress: disposal waits for them. */
  readonly #pending = new Set<Promise<unknown>>();
  /** True once what the scope owns was handed to disposal: a resolve finishing later disposes what it built. */
  #released = false;
  #disposal: Promise<void> | undefined;
  readonly #registry: PluginRegistry;

  /** @internal Made by `resolver.scope()`. */
  constructor(factory: PluginFactory, builder: ClassBuilder) {
    this.#registry = factory.registry;
    this.#resolution = new Resolution(factory, builder, {
      owned: this.#owned,
      assertOpen: (alias) => {
        if (this.disposed) throw new PluginDisposedError(alias, 'scope');
      },
      receive: (batch) => {
        if (this.#released) return false;
        batch.moveTo(this.#owned);
        return true;
      },
      track: (task) => {
        this.#pending.add(task);
        const settled = (): void => {
          this.#pending.delete(task);
        };
        task.then(settled, settled);
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
   * one PluginDisposalError. Waits first for async resolves in progress (they then reject with
   * PluginDisposedError, and what they built is disposed with the rest). Calling it again returns the same promise.
   */
  dispose(): Promise<void> {
    this.#disposal ??= this.#disposeAsync();
    return this.#disposal;
  }

  async #disposeAsync(): Promise<void> {
    await Promise.allSettled(this.#pending);
    this.#released = true;
    await this.#owned.disposeAsync(this.#registry);
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
    this.#released = true;
    this.#owned.disposeSync(this.#registry);
  }
}
