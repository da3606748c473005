import { describeValue } from './alias.js';
import { suggestAliases } from './suggest.js';
import { PluginRegistrationError } from '../errors/plugin-registration-error.js';
import { list, messageOf, quote } from '../internal/quote.js';

/** Makes the error an options check throws: the error class of the function whose options were checked. */
export type OptionsError = (message: string) => Error;

const registrationError: OptionsError = (message) => new PluginRegistrationError(message);

/**
 * Throws unless every own enumerable key of `value` is one of `known`: a typo in an options object is an error,
 * never ignored. The message names each unknown key with the closest known ones and lists the known keys:
 * `defineKind(): unknown option "exclusve". Did you mean "exclusive"? Known options: exclusive, default, required.`
 * Reading the keys may throw (a Proxy's trap): the caller reports that as it reports any other read.
 */
export function assertKnownKeys(
  value: object,
  known: readonly string[],
  method: string,
  error: OptionsError = registrationError,
): void {
  const problem = unknownKeysProblem(value, known);
  if (problem !== undefined) throw error(`${method}: ${problem}`);
}

/** What is wrong with the keys of `value`, given the `known` ones (see `assertKnownKeys`); undefined if nothing. */
export function unknownKeysProblem(value: object, known: readonly string[]): string | undefined {
  let unknown: string[] | undefined;
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) (unknown ??= []).push(key);
  }
  if (unknown === undefined) return undefined;
  return `${unknownKeysText(unknown, known)} Known options: ${list(known) || '(none)'}.`;
}

/** `unknown option "x". Did you mean "y"?`, or for several: `unknown options "x" (did you mean "y"?) and "z".` */
function unknownKeysText(unknown: readonly string[], known: readonly string[]): string {
  const closest = (key: string): string =>
    suggestAliases(key, known)
      .map((name) => quote(name))
      .join(' or ');
  if (unknown.length === 1) {
    const key = unknown[0] as string;
    const close = closest(key);
    return `unknown option ${quote(key)}.${close ? ` Did you mean ${close}?` : ''}`;
  }
  const parts = unknown.slice(0, 10).map((key) => {
    const close = closest(key);
    return close ? `${quote(key)} (did you mean ${close}?)` : quote(key);
  });
  if (unknown.length > 10) parts.push(`${String(unknown.length - 10)} more`);
  return `unknown options ${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}.`;
}

/**
 * The fields `keys` of an options argument of `method`, read once: `{}` for undefined, a PluginRegistrationError
 * for anything that is not an object (or whose getters or Proxy traps throw).
 */
export function readArgument<TKey extends string>(
  value: unknown,
  method: string,
  keys: readonly TKey[],
): Partial<Record<TKey, unknown>> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null) {
    throw new PluginRegistrationError(`${method} takes an options object, got ${describeValue(value)}.`);
  }
  const read: Partial<Record<TKey, unknown>> = {};
  try {
    assertKnownKeys(value, keys, method);
    for (const key of keys) read[key] = (value as Record<string, unknown>)[key];
  } catch (error) {
    if (error instanceof PluginRegistrationError) throw error;
    throw new PluginRegistrationError(`${method}: reading the options threw: ${messageOf(error)}.`, { cause: error });
  }
  return read;
}

/** `value` if it is a function; a PluginRegistrationError naming `what` otherwise. */
export function functionArgument<T extends (...args: never[]) => unknown>(value: T, method: string, what: string): T {
  if (typeof value !== 'function') {
    throw new PluginRegistrationError(`${method} takes ${what} as a function, got ${describeValue(value)}.`);
  }
  return value;
}

/** A kind filter (`{ kind }`): undefined, or the kind as a string. `keys`: what else the options may hold. */
export function kindFilter(filter: unknown, method: string, keys: readonly string[] = ['kind']): string | undefined {
  const { kind } = readArgument(filter, method, keys as readonly 'kind'[]);
  if (kind !== undefined && typeof kind !== 'string') {
    throw new PluginRegistrationError(`${method}: kind must be a string, got ${describeValue(kind)}.`);
  }
  return kind;
}

/** An optional string option of `method`. */
export function stringOption(value: unknown, method: string, what: string): string | undefined {
  if (value !== undefined && typeof value !== 'string') {
    throw new PluginRegistrationError(`${method}: ${what} must be a string, got ${describeValue(value)}.`);
  }
  return value;
}
