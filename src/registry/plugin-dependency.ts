import { describeValue } from './alias.js';
import { suggestAliases } from './suggest.js';
import { PluginRegistrationError } from '../errors/plugin-registration-error.js';
import { nameOf, quote, quoteList } from '../internal/quote.js';

/**
 * What a container resolves a constructor argument by: a class, a string or a symbol (inversify's service
 * identifiers and tsyringe's injection tokens are all of these).
 */
export type PluginInjectionToken = string | symbol | (abstract new (...args: never[]) => unknown);

/**
 * One entry of a registration's `inject` list: a token, or a token with how to resolve it. `optional: true`
 * passes `undefined` when the container has nothing bound to the token; `name` picks inversify's binding of
 * that name (`whenNamed`).
 *
 * @example
 * inject: [PLUGIN_OPTIONS, WorkerPool, { token: LOG, optional: true }, { token: 'cache', name: 'disk' }]
 */
export type PluginDependency =
  | PluginInjectionToken
  | {
      readonly token: PluginInjectionToken;
      readonly optional?: boolean | undefined;
      readonly name?: string | number | symbol | undefined;
    };

/** A `PluginDependency` once checked: one shape for every entry. */
export interface InjectedDependency {
  /** What the container resolves. */
  readonly token: PluginInjectionToken;
  /** True: `undefined` when nothing is bound to the token. */
  readonly optional: boolean;
  /** The name of the binding to take (inversify's `whenNamed`), if any. */
  readonly name: string | number | symbol | undefined;
}

const DESCRIPTOR_KEYS = ['name', 'optional', 'token'];
/** More constructor parameters than any class declares: a bound on what registering copies. */
const MAX_DEPENDENCIES = 1_000;

/**
 * The `inject` option of the registration of `alias`, checked and copied (each item read once); throws a
 * PluginRegistrationError naming the position of the first wrong item.
 */
export function readDependencies(alias: unknown, value: unknown): readonly InjectedDependency[] {
  if (!Array.isArray(value) || value.length > MAX_DEPENDENCIES) {
    throw new PluginRegistrationError(
      `Plugin ${quote(alias)}: inject must be an array of the constructor's dependencies, such as ` +
        `[PLUGIN_OPTIONS, Logger], got ${describeValue(value)}.`,
    );
  }
  const dependencies: InjectedDependency[] = [];
  for (let index = 0; index < value.length; index += 1) {
    dependencies.push(readDependency(alias, index, value[index] as unknown));
  }
  return Object.freeze(dependencies);
}

function readDependency(alias: unknown, index: number, item: unknown): InjectedDependency {
  if (isToken(item)) return Object.freeze({ token: item, optional: false, name: undefined });
  const at = `Plugin ${quote(alias)}: inject[${String(index)}]`;
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    throw new PluginRegistrationError(
      `${at} must be a token (a class, string or symbol) or { token, optional?, name? }, got ${describeValue(item)}.`,
    );
  }
  const record: Record<string, unknown> = { ...item };
  const unknown = Object.keys(record).filter((key) => !DESCRIPTOR_KEYS.includes(key));
  if (unknown.length > 0) {
    const hint = suggestAliases(unknown[0] as string, DESCRIPTOR_KEYS);
    throw new PluginRegistrationError(
      `${at} has unknown key${unknown.length > 1 ? 's' : ''} ${quoteList(unknown, 'and')}.` +
        (hint.length > 0 ? ` Did you mean ${quoteList(hint, 'or')}?` : '') +
        ` Known keys: ${DESCRIPTOR_KEYS.join(', ')}.`,
    );
  }
  if (!isToken(record.token)) {
    throw new PluginRegistrationError(
      `${at}.token must be a class, string or symbol, got ${describeValue(record.token)}.`,
    );
  }
  if (record.optional !== undefined && typeof record.optional !== 'boolean') {
    throw new PluginRegistrationError(`${at}.optional must be true or false, got ${describeValue(record.optional)}.`);
  }
  const { name } = record;
  if (name !== undefined && typeof name !== 'string' && typeof name !== 'number' && typeof name !== 'symbol') {
    throw new PluginRegistrationError(`${at}.name must be a string, number or symbol, got ${describeValue(name)}.`);
  }
  return Object.freeze({ token: record.token, optional: record.optional === true, name });
}

function isToken(value: unknown): value is PluginInjectionToken {
  return typeof value === 'string' || typeof value === 'symbol' || typeof value === 'function';
}

/** A token for a message: a class's name, a symbol's description, a string quoted. */
export function describeToken(token: PluginInjectionToken): string {
  return typeof token === 'function' ? nameOf(token) : quote(token);
}
