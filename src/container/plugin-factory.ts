import { AsyncCreation } from './async-creation.js';
import type { Built } from './built.js';
import { constructPlugin, creationError, enterBuild, leaveBuild, type ClassBuilder } from './construct-plugin.js';
import { assertNoOverrides, optionsFor } from './options-for.js';
import { OwnedInstances, cleanUpSync } from './owned-instances.js';
import { resolveChannel, traceContext } from './plugin-trace-channels.js';
import { findReplacement, type Replacement } from './plugin-overrides.js';
import { produceReplacement } from './produce-replacement.js';
import { needsAsync } from './set-up-plugin.js';
import { PluginDisposedError } from '../errors/plugin-disposed-error.js';
import { nameOf } from '../internal/quote.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import type { RegisteredPlugin } from '../registry/registered-plugin.js';
import type { RegistryCore } from '../registry/registry-core.js';
import { internals } from '../registry/registry-internals.js';

/**
 * Builds configured plugin instances for one container: merges and checks options, applies test
 * overrides, keeps (and disposes) the container's singletons. Shared by the inversify and tsyringe integrations.
 */
export class PluginFactory {
  readonly #singletons = new Map<RegisteredPlugin, unknown>();
  /** The async create path, with the singleton set-ups in progress; it builds through this factory's own steps. */
  readonly #async: AsyncCreation;
  /** What the container owns: its singletons (and replacements a test asked it to dispose), in creation order. */
  readonly #owned = new OwnedInstances();
  /** Where transients built right now go: the innermost resolve call's batch. */
  readonly #batches: (OwnedInstances | undefined)[] = [];
  readonly #owners: readonly object[];
  #disposal: Promise<void> | undefined;
  readonly #disposeListeners: (() => void)[] = [];

  /** The registry's internal interface, looked up once: resolving is a hot path. */
  readonly core: RegistryCore;

  /**
   * @param setupTimeoutMs - the container's limit on async set-up, for registrations that give none (checked by
   *   the caller).
   */
  constructor(
    readonly registry: PluginRegistry,
    readonly setupTimeoutMs?: number,
  ) {
    this.#owners = [this, registry];
    this.core = internals(registry);
    this.#async = new AsyncCreation({
      registry,
      core: this.core,
      setupTimeoutMs,
      singletons: this.#singletons,
      disposed: () => this.disposed,
      shortcut: (entry, overrides, builder, batch) => this.#shortcut(entry, overrides, builder, batch),
      construct: (real, options, builder, batch) => this.#construct(real, options, builder, batch),
      keep: (real, instance, owned) => {
        this.#keep(real, instance, owned);
      },
    });
  }

  /** Calls `listener` when `dispose` is first called (the container's bindings stop serving cached singletons). */
  onDispose(listener: () => void): void {
    this.#disposeListeners.push(listener);
  }

  /** True once `dispose` was called: every create throws PluginDisposedError. */
  get disposed(): boolean {
    return this.#disposal !== undefined;
  }

  /**
   * Does the checks `create` does (overrides, options, a manifest entry's import) without building anything, so
   * that a selection is checked whole before any plugin of it is built (issue 12).
   */
  check(entry: RegisteredPlugin, overrides: unknown): void {
    if (findReplacement(this.#owners, entry.key)) optionsFor(entry, overrides, this.core);
    else {
      const real = this.core.materialize(entry);
      if (real.scope === 'transient') optionsFor(real, overrides, this.core);
      else assertNoOverrides(real, overrides);
    }
  }

  /**
   * A configured instance of `entry`: its params with `overrides` merged in, or the container's singleton.
   * A test override wins; a manifest entry has its module imported first. Transients built go to `batch`
   * (or the batch of the call being built). Refuses a plugin with async set-up that is not set up yet.
   */
  create(entry: RegisteredPlugin, overrides: unknown, builder: ClassBuilder, batch?: OwnedInstances): unknown {
    // Nothing is made for tracing unless someone subscribed: resolving is a hot path.
    if (resolveChannel.hasSubscribers) {
      return resolveChannel.traceSync(
        this.#create,
        traceContext(entry, this.registry, false),
        this,
        entry,
        overrides,
        builder,
        batch,
      );
    }
    return this.#create(entry, overrides, builder, batch);
  }

  #create(entry: RegisteredPlugin, overrides: unknown, builder: ClassBuilder, batch?: OwnedInstances): unknown {
    if (batch === undefined && this.#batches.length === 0) {
      // Not inside another build (a `container.get` from user code): nothing to record the instance in.
      const plain = this.createPlain(entry, overrides, builder);
      if (plain !== undefined) return plain;
    }
    const shortcut = this.#shortcut(entry, overrides, builder, batch);
    if (shortcut) return shortcut.value;
    const real = this.core.materialize(entry);
    if (real.scope === 'transient') {
      if (real.declaresSetup) throw needsAsync(real);
      const instance = this.#construct(real, optionsFor(real, overrides, this.core), builder, batch);
      (batch ?? this.#innermost())?.add(real, instance);
      return instance;
    }
    assertNoOverrides(real, overrides);
    if (this.#singletons.has(real)) return this.#singletons.get(real);
    if (real.declaresSetup) throw needsAsync(real);
    // The transients injected into a singleton belong with it to the container, not to this call or scope.
    const owned = new OwnedInstances();
    let instance: unknown;
    try {
      instance = this.#construct(real, real.copyParams(), builder, owned);
    } catch (error) {
      const outer = batch ?? this.#innermost();
      if (outer) owned.moveTo(outer); // the caller's clean-up disposes what was built for it
      throw error;
    }
    this.#keep(real, instance, owned);
    return instance;
  }

  /**
   * `create` for the common cases, without the bookkeeping a scope, a test override or injection needs: a
   * transient plain class, loaded, without async set-up, built for a caller that takes it, or a singleton
   * already built, in a container that is open, with no test override of it in the current flow. Undefined when the case is not
   * one of these (`create` handles it).
   * What the constructor builds through the container on the way is disposed if it then throws, as in `create`.
   */
  createPlain(entry: RegisteredPlugin, overrides: unknown, builder: ClassBuilder): unknown {
    if (
      this.#disposal !== undefined ||
      builder.registered !== undefined ||
      findReplacement(this.#owners, entry.key) !== undefined
    ) {
      return undefined;
    }
    if (!entry.buildsPlain(builder.metadataKey)) {
      // A singleton already built (the map holds only instances, which are never undefined).
      return entry.scope === 'singleton' && overrides === undefined ? this.#singletons.get(entry) : undefined;
    }
    const options = optionsFor(entry, overrides, this.core);
    const depth = this.#batches.length;
    enterBuild(this, entry);
    this.#batches.push(undefined); // made only if the constructor builds plugins through the container
    try {
      return new (entry.target as new (options: unknown) => unknown)(options);
    } catch (error) {
      throw this.#failedPlain(entry, error, depth);
    } finally {
      this.#batches.pop(); // construction is synchronous: nested builds have popped theirs
      leaveBuild();
    }
  }

  /** The error of a plain constructor that threw; what it built through the container is disposed first. */
  #failedPlain(entry: RegisteredPlugin, error: unknown, depth: number): unknown {
    const failure = creationError(entry.alias, nameOf(entry.target), error);
    const nested = this.#batches[depth];
    return nested ? cleanUpSync(nested, failure, this.registry) : failure;
  }

  /** The batch of the innermost call being built, made at its first use. */
  #innermost(): OwnedInstances | undefined {
    const top = this.#batches.length - 1;
    if (top < 0) return undefined;
    return (this.#batches[top] ??= new OwnedInstances());
  }

  /**
   * What `create` and `createAsync` answer before building: a disposed container throws; a child container's own
   * registration (tsyringe) or a test replacement stands in for the plugin.
   */
  #shortcut(
    entry: RegisteredPlugin,
    overrides: unknown,
    builder: ClassBuilder,
    batch: OwnedInstances | undefined,
  ): { readonly value: unknown } | undefined {
    if (this.disposed) throw new PluginDisposedError(entry.alias, 'container');
    const own = builder.registered?.(entry);
    if (own) return own;
    const replacement = findReplacement(this.#owners, entry.key);
    return replacement ? { value: this.#replace(entry, replacement, overrides, batch) } : undefined;
  }

  /**
   * `create`, then the instance's async set-up awaited (within its time limit); a singleton is built and set up
   * once, however many ask. The instance comes in a box, so that no `await` adopts an instance that is a thenable.
   */
  createAsync(
    entry: RegisteredPlugin,
    overrides: unknown,
    builder: ClassBuilder,
    batch: OwnedInstances,
  ): Promise<Built> {
    return this.#async.create(entry, overrides, builder, batch);
  }

  /**
   * Throws the error `create` would throw for a plugin with async set-up that is not set up yet, without building
   * anything. A manifest entry (not imported yet) is not checked here.
   */
  assertSyncable(entry: RegisteredPlugin): void {
    if (entry.lazy || findReplacement(this.#owners, entry.key)) return;
    if (entry.declaresSetup && !this.#singletons.has(entry)) throw needsAsync(entry);
  }

  /** Drops what the factory keeps for an entry that left the registry (a built singleton stays owned). */
  forget(entry: RegisteredPlugin): void {
    this.#singletons.delete(entry);
  }

  /**
   * Disposes the singletons this container built, newest first, and refuses every later create. Waits for
   * set-ups in progress. Throws PluginDisposalError listing every failure. Calling it again returns the same promise.
   */
  dispose(): Promise<void> {
    if (this.#disposal) return this.#disposal;
    this.#disposal = (async () => {
      await this.#async.settled();
      this.#singletons.clear();
      await this.#owned.disposeAsync(this.registry);
    })();
    for (const listener of this.#disposeListeners.splice(0)) listener();
    return this.#disposal;
  }

  /** Keeps a built singleton; the container owns it and the transients injected into it (`owned`). */
  #keep(real: RegisteredPlugin, instance: unknown, owned: OwnedInstances): void {
    owned.add(real, instance);
    owned.moveTo(this.#owned);
    this.#singletons.set(real, instance);
  }

  /** Builds `real` with `options`, `batch` (if given) receiving the transients built inside; no closure per call. */
  #construct(
    real: RegisteredPlugin,
    options: unknown,
    builder: ClassBuilder,
    batch: OwnedInstances | undefined,
  ): unknown {
    enterBuild(this, real);
    if (batch) this.#batches.push(batch);
    try {
      return constructPlugin(real, options, builder);
    } finally {
      // Construction is synchronous, so whatever a nested build pushed has been popped already.
      if (batch) this.#batches.pop();
      leaveBuild();
    }
  }

  /** What a test's replacement makes for `entry`, owned as the plugin's instance would be if the test asked. */
  #replace(entry: RegisteredPlugin, replacement: Replacement, overrides: unknown, batch?: OwnedInstances): unknown {
    const instance = produceReplacement(this, entry, replacement, overrides, this.core);
    // A replacement is the test's: disposed only when the override asked for it, then as the plugin would be.
    if (replacement.dispose === true) {
      if (entry.scope === 'singleton') this.#owned.add(entry, instance);
      else (batch ?? this.#innermost())?.add(entry, instance);
    }
    return instance;
  }
}
