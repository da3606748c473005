import type { PluginHandle } from './plugin-entry.js';
import type { RegisteredPlugin } from './registered-plugin.js';
import { RegistrationHandle } from './registration-handle.js';
import { claimsManifestEntry } from './manifest-claim.js';
import { DuplicatePluginError } from '../errors/duplicate-plugin-error.js';

type Changed = (removed: RegisteredPlugin | undefined, added: RegisteredPlugin | undefined) => void;

/**
 * Per normalised alias, its registrations in order: the last one is current, and disposing a handle
 * brings back the one below it. Every change to a current entry is reported to `changed`.
 */
export class AliasSlots {
  readonly #slots = new Map<string, RegisteredPlugin[]>();
  /** The modules of manifest entries being imported right now: what they register takes the entries' places. */
  readonly loading = new Set<string>();
  readonly #changed: Changed;
  #sorted: RegisteredPlugin[] | undefined;

  constructor(changed: Changed) {
    this.#changed = (removed, added) => {
      this.#sorted = undefined;
      changed(removed, added);
    };
  }

  has(key: string): boolean {
    return this.#slots.has(key);
  }

  /** The current registration under `key`, if any. */
  current(key: string): RegisteredPlugin | undefined {
    const slot = this.#slots.get(key);
    return slot === undefined ? undefined : slot[slot.length - 1];
  }

  keys(): string[] {
    return [...this.#slots.keys()];
  }

  /**
   * Puts `entry` on top of its slot and returns its handle. A manifest entry on top gives way to a real
   * class; another registration throws DuplicatePluginError unless `override` or equivalent.
   */
  push(entry: RegisteredPlugin, override: boolean): PluginHandle {
    const slot = this.#slots.get(entry.key) ?? [];
    const manifestEntry = slot.at(-1);
    if (manifestEntry?.lazy && claimsManifestEntry(manifestEntry, entry, this.loading.has(manifestEntry.lazy.module))) {
      // The module a manifest entry points to has registered the real class: it takes the entry's place.
      this.#changed(slot.pop(), undefined);
    }
    const current = slot.at(-1);
    if (current && !override && !current.isEquivalent(entry)) {
      throw new DuplicatePluginError(entry.alias, current.describe(), entry.describe());
    }
    slot.push(entry);
    this.#slots.set(entry.key, slot);
    this.#changed(current, entry);
    return new RegistrationHandle(
      entry,
      () => this.#slots.get(entry.key)?.includes(entry) ?? false,
      () => {
        this.#dispose(entry);
      },
    );
  }

  /** Removes the slot under `key` with every registration in it. True if there was one. */
  remove(key: string): boolean {
    const slot = this.#slots.get(key);
    if (!slot) return false;
    this.#slots.delete(key);
    this.#changed(slot.at(-1), undefined);
    return true;
  }

  /** Makes containers rebind the entry under `key`, whose set of names changed. */
  rebind(key: string | undefined): void {
    const entry = key === undefined ? undefined : this.current(key);
    if (entry) this.#changed(entry, entry);
  }

  /** The current entries, sorted by key; the same array until the next change. */
  entries(): RegisteredPlugin[] {
    this.#sorted ??= [...this.#slots.values()]
      .map((slot) => slot.at(-1))
      .filter((entry) => entry !== undefined)
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return this.#sorted;
  }

  copyTo(other: AliasSlots): void {
    for (const [key, slot] of this.#slots) other.#slots.set(key, [...slot]);
  }

  #dispose(entry: RegisteredPlugin): void {
    const slot = this.#slots.get(entry.key);
    const index = slot?.lastIndexOf(entry) ?? -1;
    if (!slot || index < 0) return;
    slot.splice(index, 1);
    if (slot.length === 0) this.#slots.delete(entry.key);
    if (index === slot.length) this.#changed(entry, slot.at(-1));
  }
}
