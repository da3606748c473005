import { assertKind } from './alias.js';
import type { KindOptions } from './plugin-entry.js';

/** How each kind of one registry behaves in selections, as `defineKind` declared it. */
export class KindTable {
  readonly #byKind = new Map<string, Required<KindOptions>>();

  define(kind: string, options: KindOptions): void {
    assertKind(kind);
    this.#byKind.set(kind, { exclusive: options.exclusive === true });
  }

  /** How `kind` behaves (not exclusive unless defined so). */
  get(kind: string): Required<KindOptions> {
    return this.#byKind.get(kind) ?? { exclusive: false };
  }

  copyTo(other: KindTable): void {
    for (const [kind, options] of this.#byKind) other.#byKind.set(kind, options);
  }
}
