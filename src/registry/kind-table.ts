import { assertKind } from './alias.js';
import { readArgument } from './arguments.js';
import { PluginRegistrationError } from '../errors/plugin-registration-error.js';
import { quote } from '../internal/quote.js';
import type { KindOptions } from './plugin-entry.js';

/** How each kind of one registry behaves in selections, as `defineKind` declared it. */
export class KindTable {
  readonly #byKind = new Map<string, Required<KindOptions>>();

  define(kind: string, options: KindOptions = {}): void {
    assertKind(kind);
    const { exclusive } = readArgument(options, `defineKind(${quote(kind)})`, ['exclusive']);
    if (exclusive !== undefined && typeof exclusive !== 'boolean') {
      throw new PluginRegistrationError(`Kind ${quote(kind)}: exclusive must be true or false.`);
    }
    this.#byKind.set(kind, { exclusive: exclusive === true });
  }

  /** How `kind` behaves (not exclusive unless defined so). */
  get(kind: string): Required<KindOptions> {
    return this.#byKind.get(kind) ?? { exclusive: false };
  }

  copyTo(other: KindTable): void {
    for (const [kind, options] of this.#byKind) other.#byKind.set(kind, options);
  }
}
