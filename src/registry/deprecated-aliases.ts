import { assertAlias, normalizeAlias } from './alias.js';
import { quote } from '../internal/quote.js';

/** An alias kept working for its successor, with a warning once per process. */
export interface DeprecatedAlias {
  readonly alias: string;
  readonly successor: string;
  /** Extra words for the warning, such as when it will be removed. */
  readonly message: string | undefined;
  /** How many times it was looked up in this process. */
  readonly uses: number;
}

const MAX_HOPS = 8;
const warned = new Set<string>();

/** A registry's deprecated aliases: old normalised alias to the alias that replaced it. */
export class DeprecatedAliases {
  readonly #byKey = new Map<string, { alias: string; successor: string; message: string | undefined; uses: number }>();

  add(alias: string, successor: string, message: string | undefined): string {
    assertAlias(alias);
    assertAlias(successor);
    const key = normalizeAlias(alias);
    this.#byKey.set(key, { alias, successor, message, uses: 0 });
    return key;
  }

  remove(key: string): void {
    this.#byKey.delete(key);
  }

  has(key: string): boolean {
    return this.#byKey.has(key);
  }

  /** The record under `key`: its identity tells a deprecation from a later one of the same alias. */
  record(key: string): object | undefined {
    return this.#byKey.get(key);
  }

  /** The key `key` stands for after following deprecations; `warn` counts the use and warns once per process. */
  follow(key: string, warn: boolean): string {
    let current = key;
    for (let hop = 0; hop < MAX_HOPS; hop += 1) {
      const found = this.#byKey.get(current);
      if (!found) return current;
      if (warn) {
        found.uses += 1;
        warnOnce(found.alias, found.successor, found.message);
      }
      current = normalizeAlias(found.successor);
    }
    return current;
  }

  /** The successors' keys that deprecated aliases lead to, for rebinding containers. */
  successorOf(key: string): string | undefined {
    const found = this.#byKey.get(key);
    return found && this.follow(normalizeAlias(found.successor), false);
  }

  list(): DeprecatedAlias[] {
    return [...this.#byKey.values()].map((found) => ({ ...found })).sort((a, b) => a.alias.localeCompare(b.alias));
  }

  copyTo(other: DeprecatedAliases): void {
    for (const [key, found] of this.#byKey) other.#byKey.set(key, { ...found });
  }
}

function warnOnce(alias: string, successor: string, message: string | undefined): void {
  const key = `${normalizeAlias(alias)}>${normalizeAlias(successor)}`;
  if (warned.has(key)) return;
  warned.add(key);
  process.emitWarning(
    `Plugin alias ${quote(alias)} is deprecated; use ${quote(successor)} instead.${message ? ` ${message}` : ''}`,
    { type: 'DeprecationWarning', code: 'PLUGBOARD_DEPRECATED_ALIAS' },
  );
}
