import { describeValue } from './alias.js';
import { internals } from './registry-internals.js';
import { PluginRegistrationError } from '../errors/plugin-registration-error.js';

/** `value` if it is a PluginRegistry; a PluginRegistrationError naming `method` otherwise. */
export function registryArgument<T>(value: T, method: string): T {
  try {
    internals(value);
  } catch {
    throw new PluginRegistrationError(`${method} needs a PluginRegistry, got ${describeValue(value)}.`);
  }
  return value;
}
