import { readArgument } from './arguments.js';
import { kindSettings, type KindSettings } from './kind-settings.js';
import type { KindOptions } from './plugin-entry.js';

/** How each kind of one registry behaves in selections, as `defineKind` declared it. */
export class KindTable {
  readonly #byKind = new Map<string, KindSettings>();

  define(kind: string, options: KindOptions = {}): void {
    // Read once (getters and Proxy traps run once, and a throwing one gives a typed error), then checked.
    const read = readArgument(options, 'defineKind()', ['exclusive', 'default', 'required']);
    this.#byKind.set(kind, kindSettings(kind, read as KindOptions));
  }

  /** How `kind` behaves (not exclusive, no default, not required unless defined so). */
  get(kind: string): KindSettings {
    return this.#byKind.get(kind) ?? kindSettings(kind, {});
  }

  /** The kinds declared with `defineKind`, with their settings. */
  defined(): ReadonlyMap<string, KindSettings> {
    return this.#byKind;
  }

  copyTo(other: KindTable): void {
    for (const [kind, options] of this.#byKind) other.#byKind.set(kind, options);
  }
}
