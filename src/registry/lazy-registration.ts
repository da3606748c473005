import { describeValue } from './alias.js';
import type { LazyRegistration } from './plugin-entry.js';
import { PluginRegistrationError } from '../errors/plugin-registration-error.js';
import { messageOf } from '../internal/quote.js';

/** The registration `registerLazy` was given, read once and checked (module, exportName, load); the rest is checked as any registration. */
export function readLazyRegistration(options: unknown): LazyRegistration {
  if (typeof options !== 'object' || options === null) {
    throw new PluginRegistrationError(
      `registerLazy() takes { alias, module, load, ... }, got ${describeValue(options)}.`,
    );
  }
  let copy: Record<string, unknown>;
  try {
    copy = { ...options };
  } catch (error) {
    throw new PluginRegistrationError(`registerLazy(): reading the options threw: ${messageOf(error)}.`, {
      cause: error,
    });
  }
  const { module, exportName, load } = copy;
  if (typeof module !== 'string' || module === '') {
    throw new PluginRegistrationError(
      `registerLazy(): module must be a non-empty string, got ${describeValue(module)}.`,
    );
  }
  if (exportName !== undefined && typeof exportName !== 'string') {
    throw new PluginRegistrationError(`registerLazy(): exportName must be a string, got ${describeValue(exportName)}.`);
  }
  if (typeof load !== 'function') {
    throw new PluginRegistrationError(`registerLazy(): load must be a function, got ${describeValue(load)}.`);
  }
  return copy as unknown as LazyRegistration;
}
