import { assertKind } from './alias.js';
import { readArgument } from './arguments.js';
import { kindSettings, type KindSettings } from './kind-settings.js';
import type { KindOptions } from './plugin-entry.js';

const UNDECLARED = kindSettings('kind', {});

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
    const declared = this.#byKind.get(kind);
    if (declared !== undefined) return declared;
    // Every undeclared kind has the same settings: checked, and one frozen object shared.
    assertKind(kind);
    return UNDECLARED;
  }

  /** The kinds declared with `defineKind`, with their settings. */
  defined(): ReadonlyMap<string, KindSettings> {
    return this.#byKind;
  }

  copyTo(other: KindTable): void {
    for (const [kind, options] of this.#byKind) other.#byKind.set(kind, options);
  }
}
