import { PluginRegistrationError } from '../errors/plugin-registration-error.js';
import { messageOf } from '../internal/quote.js';
import { describeValue } from '../registry/alias.js';

/** The `[alias, replacement]` pairs of an overrides object, read once; a PluginRegistrationError if it is not one. */
export function overrideEntries(overrides: unknown, method: string): [string, unknown][] {
  if (typeof overrides !== 'object' || overrides === null) {
    throw new PluginRegistrationError(
      `${method} takes overrides as an object { alias: replacement }, got ${describeValue(overrides)}.`,
    );
  }
  try {
    return Object.entries(overrides);
  } catch (error) {
    throw new PluginRegistrationError(`${method}: reading the overrides threw: ${messageOf(error)}.`, { cause: error });
  }
}
