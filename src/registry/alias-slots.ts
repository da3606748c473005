import type { PluginHandle } from './plugin-entry.js';
import type { RegisteredPlugin } from './registered-plugin.js';
import { RegistrationHandle } from './registration-handle.js';
import { claimsManifestEntry } from './manifest-claim.js';
import { sameRegistration } from './same-registration.js';
import { DuplicatePluginError } from '../errors/duplicate-plugin-error.js';

type Changed = (removed: RegisteredPlugin | undefined, added: RegisteredPlugin | undefined) => void;

/**
 * Per normalised alias, its registrations in order: the last one is current, and disposing a handle
 * brings back the one below it. Every change to a current entry is reported to `changed`.
 *
 * The current registrations are a map of their own, and only aliases whose registration replaced another
 * keep a list of those below: most aliases are registered once, and look-ups read one map.
 */
export class AliasSlots {
  readonly #current = new Map<string, RegisteredPlugin>();
  /** The registrations under the current one, oldest first; only for aliases that have any. */
  readonly #below = new Map<string, RegisteredPlugin[]>();
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
    return this.#current.has(key);
  }

  /** The current registration under `key`, if any. */
  current(key: string): RegisteredPlugin | undefined {
    return this.#current.get(key);
  }

  keys(): string[] {
    return [...this.#current.keys()];
  }

  /** The current entries in the order their aliases were first registered (a new array, not sorted). */
  unsorted(): RegisteredPlugin[] {
    return [...this.#current.values()];
  }

  /**
   * Puts `entry` on top of its slot and returns its handle. A manifest entry on top gives way to a real
   * class; another registration throws DuplicatePluginError unless `override` or equivalent.
   */
  push(entry: RegisteredPlugin, override: boolean): PluginHandle {
    const { key } = entry;
    let current = this.#current.get(key);
    if (current?.lazy && claimsManifestEntry(current, entry, this.loading.has(current.lazy.module))) {
      // The module a manifest entry points to has registered the real class: it takes the entry's place.
      this.#pop(key);
      this.#changed(current, undefined);
      current = this.#current.get(key);
    }
    if (current && !override) {
      if (!sameRegistration(current, entry))
        throw new DuplicatePluginError(entry.alias, current.describe(), entry.describe());
      entry.continues(current);
    }
    if (current) {
      const below = this.#below.get(key);
      if (below) below.push(current);
      else this.#below.set(key, [current]);
    }
    this.#current.set(key, entry);
    this.#changed(current, entry);
    return new RegistrationHandle(entry, this);
  }

  /** True while `entry` is one of the registrations under its alias. */
  holds(entry: RegisteredPlugin): boolean {
    return this.#current.get(entry.key) === entry || (this.#below.get(entry.key)?.includes(entry) ?? false);
  }

  /** Removes the slot under `key` with every registration in it. True if there was one. */
  remove(key: string): boolean {
    const current = this.#current.get(key);
    if (!current) return false;
    this.#current.delete(key);
    this.#below.delete(key);
    this.#changed(current, undefined);
    return true;
  }

  /** Makes containers rebind the entry under `key`, whose set of names changed. */
  rebind(key: string | undefined): void {
    const entry = key === undefined ? undefined : this.current(key);
    if (entry) this.#changed(entry, entry);
  }

  /** The current entries, sorted by key; the same array until the next change. */
  entries(): RegisteredPlugin[] {
    this.#sorted ??= [...this.#current.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return this.#sorted;
  }

  copyTo(other: AliasSlots): void {
    for (const [key, entry] of this.#current) other.#current.set(key, entry);
    for (const [key, below] of this.#below) other.#below.set(key, [...below]);
  }

  /** Removes `entry` (a handle was disposed); what it replaced becomes current again. Does nothing the second time. */
  release(entry: RegisteredPlugin): void {
    const { key } = entry;
    if (this.#current.get(key) === entry) {
      this.#changed(entry, this.#pop(key));
      return;
    }
    const below = this.#below.get(key);
    const index = below?.lastIndexOf(entry) ?? -1;
    if (!below || index < 0) return;
    below.splice(index, 1);
    if (below.length === 0) this.#below.delete(key);
  }

  /** Drops the current registration under `key`; the one below (returned) becomes current, if any. */
  #pop(key: string): RegisteredPlugin | undefined {
    const below = this.#below.get(key);
    const next = below?.pop();
    if (below?.length === 0) this.#below.delete(key);
    if (next) this.#current.set(key, next);
    else this.#current.delete(key);
    return next;
  }
}
