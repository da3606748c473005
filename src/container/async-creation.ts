// A container's asynchronous create path: building an instance and awaiting its async set-up within its time
// limit, and the singleton set-ups in progress (each built and set up once, however many ask). PluginFactory
// holds one and forwards createAsync to it; the synchronous create path stays in the factory.
import type { Built } from './built.js';
import type { ClassBuilder } from './construct-plugin.js';
import { assertNoOverrides, optionsFor } from './options-for.js';
import { OwnedInstances, cleanUpAfter } from './owned-instances.js';
import { resolveChannel, traceContext } from './plugin-trace-channels.js';
import { setUpPlugin } from './set-up-plugin.js';
import { PluginDisposedError } from '../errors/plugin-disposed-error.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import type { RegisteredPlugin } from '../registry/registered-plugin.js';
import type { RegistryCore } from '../registry/registry-core.js';

/**
 * What async creation uses of the PluginFactory it works for: the factory's own steps, which `create` uses
 * too, so that both paths answer, build, own and keep instances the same way, and the singletons it keeps.
 */
export interface AsyncCreationHost {
  readonly registry: PluginRegistry;
  readonly core: RegistryCore;
  /** The container's limit on async set-up, for registrations that give none. */
  readonly setupTimeoutMs: number | undefined;
  /** The container's built singletons; `keep` adds to them. */
  readonly singletons: ReadonlyMap<RegisteredPlugin, unknown>;
  /** True once the factory's `dispose` was called. */
  disposed(): boolean;
  /**
   * What the factory answers before building: a disposed container throws; a child container's own
   * registration (tsyringe) or a test replacement stands in for the plugin.
   */
  shortcut(
    entry: RegisteredPlugin,
    overrides: unknown,
    builder: ClassBuilder,
    batch: OwnedInstances,
  ): { readonly value: unknown } | undefined;
  /** Builds `real` with `options`, `batch` receiving the transients built inside. */
  construct(real: RegisteredPlugin, options: unknown, builder: ClassBuilder, batch: OwnedInstances): unknown;
  /** Keeps a built singleton; the container owns it and the transients injected into it (`owned`). */
  keep(real: RegisteredPlugin, instance: unknown, owned: OwnedInstances): void;
}

/**
 * A container's async creation: builds through its PluginFactory (`host`) and awaits the instance's set-up;
 * keeps the singleton set-ups in progress, so that one is built and set up once, however many ask.
 */
export class AsyncCreation {
  readonly #host: AsyncCreationHost;
  readonly #settingUp = new Map<RegisteredPlugin, Promise<Built>>();

  constructor(host: AsyncCreationHost) {
    this.#host = host;
  }

  /**
   * `create`, then the instance's async set-up awaited (within its time limit); a singleton is built and set up
   * once, however many ask. The instance comes in a box, so that no `await` adopts an instance that is a thenable.
   */
  create(entry: RegisteredPlugin, overrides: unknown, builder: ClassBuilder, batch: OwnedInstances): Promise<Built> {
    if (resolveChannel.hasSubscribers) {
      const context = traceContext(entry, this.#host.registry, true);
      return resolveChannel.tracePromise(this.#create, context, this, entry, overrides, builder, batch);
    }
    return this.#create(entry, overrides, builder, batch);
  }

  /** Settles once every singleton set-up in progress now has settled, whichever way (disposal waits for them). */
  settled(): Promise<unknown> {
    return Promise.allSettled(this.#settingUp.values());
  }

  async #create(
    entry: RegisteredPlugin,
    overrides: unknown,
    builder: ClassBuilder,
    batch: OwnedInstances,
  ): Promise<Built> {
    const shortcut = this.#host.shortcut(entry, overrides, builder, batch);
    if (shortcut) return shortcut;
    const real = this.#host.core.materialize(entry);
    if (real.scope === 'transient')
      return this.#buildTransient(real, optionsFor(real, overrides, this.#host.core), builder, batch);
    assertNoOverrides(real, overrides);
    if (this.#host.singletons.has(real)) return { value: this.#host.singletons.get(real) };
    let pending = this.#settingUp.get(real);
    if (!pending) {
      pending = this.#buildSingleton(real, builder).finally(() => this.#settingUp.delete(real));
      this.#settingUp.set(real, pending);
    }
    return pending;
  }

  /** A transient built and set up; it and what was injected into it go to `batch`, unless its set-up timed out. */
  async #buildTransient(
    real: RegisteredPlugin,
    options: unknown,
    builder: ClassBuilder,
    batch: OwnedInstances,
  ): Promise<Built> {
    const owned = new OwnedInstances(); // the instance's injected transients, then the instance
    try {
      const instance = this.#host.construct(real, options, builder, owned);
      owned.add(real, instance);
      await setUpPlugin(real, instance, owned, this.#host.registry, this.#host.setupTimeoutMs);
      return { value: instance };
    } finally {
      owned.moveTo(batch); // empty after a time-out: what it held is disposed when the set-up settles
    }
  }

  async #buildSingleton(real: RegisteredPlugin, builder: ClassBuilder): Promise<Built> {
    const owned = new OwnedInstances(); // the singleton's injected transients, then the singleton
    try {
      const instance = this.#host.construct(real, real.copyParams(), builder, owned);
      owned.add(real, instance);
      await setUpPlugin(real, instance, owned, this.#host.registry, this.#host.setupTimeoutMs);
      if (this.#host.disposed()) throw new PluginDisposedError(real.alias, 'container');
      this.#host.keep(real, instance, owned);
      return { value: instance };
    } catch (error) {
      await cleanUpAfter(error, () => owned.disposeAsync(this.#host.registry));
      throw error;
    }
  }
}
