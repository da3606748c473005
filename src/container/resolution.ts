import { groupPush } from '../internal/group-push.js';
import type { ClassBuilder } from './construct-plugin.js';
import { OwnedInstances, cleanUpSync, withCleanup } from './owned-instances.js';
import type { PluginFactory } from './plugin-factory.js';
import { prepareSelection } from '../selection/prepare-selection.js';
import type { PreparedItem } from '../selection/prepared-item.js';

/** The instances of a selection, grouped by kind: `{ strategy: [ddp], precision: [bf16] }`. */
export type ResolvedPlugins = Record<string, unknown[]>;

/**
 * How PluginResolver and ResolutionScope build: each call collects the transients it builds; if the call
 * fails they are disposed, if it succeeds they go to `owner` (a scope) or to the caller.
 */
export class Resolution {
  constructor(
    readonly factory: PluginFactory,
    readonly builder: ClassBuilder,
    /** Where built transients go; undefined: to the caller. */
    readonly owner?: { readonly owned: OwnedInstances; assertOpen(alias: string | undefined): void },
  ) {}

  resolve(alias: string, overrides: unknown): unknown {
    this.owner?.assertOpen(alias);
    const entry = this.factory.core.require(alias);
    if (!this.owner) {
      const plain = this.factory.createPlain(entry, overrides, this.builder);
      if (plain !== undefined) return plain;
    }
    // #sync written out: no closure per call on the hot path.
    const batch = new OwnedInstances();
    let result: unknown;
    try {
      result = this.factory.create(entry, overrides, this.builder, batch);
    } catch (error) {
      throw cleanUpSync(batch, error);
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
    return this.#async((batch) => this.factory.createAsync(entry, overrides, this.builder, batch), alias);
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
            ? await this.factory.createAsync(item.entry, item.options, this.builder, batch)
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
      throw cleanUpSync(batch, error);
    }
    if (this.owner) batch.moveTo(this.owner.owned);
    return result;
  }

  async #async<T>(build: (batch: OwnedInstances) => Promise<T>, alias: string | undefined): Promise<T> {
    const batch = new OwnedInstances();
    try {
      const result = await build(batch);
      // The scope may have been disposed while set-up ran: what was built for it is disposed too.
      this.owner?.assertOpen(alias);
      if (this.owner) batch.moveTo(this.owner.owned);
      return result;
    } catch (error) {
      throw await withCleanup(error, () => batch.disposeAsync());
    }
  }
}
