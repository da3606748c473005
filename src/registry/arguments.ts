import { describeValue } from './alias.js';
import { PluginRegistrationError } from '../errors/plugin-registration-error.js';
import { messageOf } from '../internal/quote.js';

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
    for (const key of keys) read[key] = (value as Record<string, unknown>)[key];
  } catch (error) {
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

/** A kind filter (`{ kind }`): undefined, or the kind as a string. */
export function kindFilter(filter: unknown, method: string): string | undefined {
  const { kind } = readArgument(filter, method, ['kind']);
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
