import { groupPush } from '../internal/group-push.js';
import type { Built } from './built.js';
import { creationError, type ClassBuilder } from './construct-plugin.js';
import { OwnedInstances, cleanUpAfter, cleanUpSync } from './owned-instances.js';
import type { PluginFactory } from './plugin-factory.js';
import { resolveChannel } from './plugin-trace-channels.js';
import { PluginDisposedError } from '../errors/plugin-disposed-error.js';
import { nameOf } from '../internal/quote.js';
import type { RegisteredPlugin } from '../registry/registered-plugin.js';
import { prepareSelection } from '../selection/prepare-selection.js';
import type { PreparedItem } from '../selection/prepared-item.js';

/** The instances of a selection, grouped by kind: `{ strategy: [ddp], precision: [bf16] }`. */
export type ResolvedPlugins = Record<string, unknown[]>;

/** Who takes what a resolve call built (a scope): otherwise the caller does. */
export interface ResolutionOwner {
  readonly owned: OwnedInstances;
  /** Throws PluginDisposedError once the owner is disposed. */
  assertOpen(alias: string | undefined): void;
  /** Takes what an async call built; false once the owner has disposed what it owns (the call disposes it then). */
  receive(batch: OwnedInstances): boolean;
  /** Keeps `task` (an async call) in progress, so that disposing the owner waits for it. */
  track(task: Promise<unknown>): void;
}

/**
 * How PluginResolver and ResolutionScope build: each call collects the transients it builds; if the call
 * fails they are disposed, if it succeeds they go to `owner` (a scope) or to the caller.
 */
export class Resolution {
  constructor(
    readonly factory: PluginFactory,
    readonly builder: ClassBuilder,
    /** Where built transients go; undefined: to the caller. */
    readonly owner?: ResolutionOwner,
  ) {}

  resolve(alias: string, overrides: unknown): unknown {
    this.owner?.assertOpen(alias);
    const entry = this.factory.core.require(alias);
    if (!this.owner && !resolveChannel.hasSubscribers) {
      const plain = this.factory.createPlain(entry, overrides, this.builder);
      if (plain !== undefined) return plain;
    }
    // #sync written out: no closure per call on the hot path.
    const batch = new OwnedInstances();
    let result: unknown;
    try {
      result = this.factory.create(entry, overrides, this.builder, batch);
    } catch (error) {
      throw cleanUpSync(batch, error, this.factory.registry);
    }
    if (this.owner) batch.moveTo(this.owner.owned);
    return result;
  }

  resolveAll(selection: unknown): ResolvedPlugins {
    this.owner?.assertOpen(undefined);
    const items = prepareSelection(this.factory.registry, selection, this.factory.core);
    for (const item of items) if ('entry' in item) this.factory.assertSyncable(item.entry);
    // Issue 12: every item's options are checked before any plugin is built.
    for (const item of items) if ('entry' in item) this.factory.check(item.entry, item.options);
    return this.#sync((batch) => {
      // Kinds in a Map: a kind named "constructor" or "toString" is just a name.
      const resolved = new Map<string, unknown[]>();
      for (const item of items) groupPush(resolved, item.kind, this.#build(item, batch));
      return Object.fromEntries(resolved);
    });
  }

  async resolveAsync(alias: string, overrides: unknown): Promise<unknown> {
    this.owner?.assertOpen(alias);
    const entry = this.factory.core.require(alias);
    const built = await this.#async(async (batch) => {
      const { value } = await this.factory.createAsync(entry, overrides, this.builder, batch);
      return { value: promisable(entry, value) };
    }, alias);
    return built.value;
  }

  async resolveAllAsync(selection: unknown): Promise<ResolvedPlugins> {
    this.owner?.assertOpen(undefined);
    const items = prepareSelection(this.factory.registry, selection, this.factory.core);
    for (const item of items) if ('entry' in item) this.factory.check(item.entry, item.options);
    return this.#async(async (batch) => {
      const resolved = new Map<string, unknown[]>();
      for (const item of items) {
        const instance =
          'entry' in item
            ? (await this.factory.createAsync(item.entry, item.options, this.builder, batch)).value
            : item.instance;
        groupPush(resolved, item.kind, instance);
      }
      return Object.fromEntries(resolved);
    }, undefined);
  }

  #build(item: PreparedItem, batch: OwnedInstances): unknown {
    return 'entry' in item ? this.factory.create(item.entry, item.options, this.builder, batch) : item.instance;
  }

  #sync<T>(build: (batch: OwnedInstances) => T): T {
    const batch = new OwnedInstances();
    let result: T;
    try {
      result = build(batch);
    } catch (error) {
      throw cleanUpSync(batch, error, this.factory.registry);
    }
    if (this.owner) batch.moveTo(this.owner.owned);
    return result;
  }

  /** Runs an async call; an owner (a scope) keeps it in progress until it settles. */
  #async<T extends Built | ResolvedPlugins>(
    build: (batch: OwnedInstances) => Promise<T>,
    alias: string | undefined,
  ): Promise<T> {
    const task = this.#run(build, alias);
    this.owner?.track(task);
    return task;
  }

  async #run<T extends Built | ResolvedPlugins>(
    build: (batch: OwnedInstances) => Promise<T>,
    alias: string | undefined,
  ): Promise<T> {
    const batch = new OwnedInstances();
    try {
      const result = await build(batch);
      if (this.owner) {
        // The scope may have been disposed while set-up ran: what was built for it is disposed too, by the
        // scope's disposal (which waits for this call) or, if that already ran, here.
        if (!this.owner.receive(batch)) throw new PluginDisposedError(alias, 'scope');
        this.owner.assertOpen(alias);
      }
      return result;
    } catch (error) {
      await cleanUpAfter(error, () => batch.disposeAsync(this.factory.registry));
      throw error;
    }
  }
}

/**
 * `instance`, if a promise can fulfil with it. One with a `then` method would be adopted (a promise of it
 * fulfils with whatever `then` calls back with, or never): a PluginCreationError says so instead.
 */
function promisable(entry: RegisteredPlugin, instance: unknown): unknown {
  let then: unknown;
  try {
    then =
      (typeof instance === 'object' && instance !== null) || typeof instance === 'function'
        ? (instance as { then?: unknown }).then
        : undefined;
  } catch (error) {
    throw creationError(entry.alias, nameOf(entry.target), error);
  }
  if (typeof then !== 'function') return instance;
  throw creationError(
    entry.alias,
    nameOf(entry.target),
    new TypeError(
      'its instance has a then method, so a promise cannot fulfil with it (await would call then instead). ' +
        'Resolve it with resolve() or resolveAllAsync(), which return it as it is, or rename its then method',
    ),
  );
}
