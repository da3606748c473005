import { assertAlias, assertKind, describeValue } from './alias.js';
import type { KindOptions } from './plugin-entry.js';
import { PluginRegistrationError } from '../errors/plugin-registration-error.js';
import { quote } from '../internal/quote.js';

/** How a kind behaves in selections, every option filled in. */
export interface KindSettings {
  readonly exclusive: boolean;
  readonly default: string | undefined;
  readonly required: boolean;
}

/** Checks `defineKind`'s arguments and fills in what they leave out. Throws PluginRegistrationError. */
export function kindSettings(kind: string, options: KindOptions): KindSettings {
  assertKind(kind);
  if (typeof options !== 'object' || (options as unknown) === null) {
    throw new PluginRegistrationError(
      `defineKind(${quote(kind)}): options must be an object, got ${describeValue(options)}.`,
    );
  }
  const { exclusive, default: fallback, required } = options;
  for (const [name, value] of [
    ['exclusive', exclusive],
    ['required', required],
  ] as const) {
    if (value !== undefined && typeof value !== 'boolean') {
      throw new PluginRegistrationError(
        `defineKind(${quote(kind)}): ${name} must be true or false, got ${describeValue(value)}.`,
      );
    }
  }
  if (fallback !== undefined) assertAlias(fallback);
  return Object.freeze({ exclusive: exclusive === true, default: fallback, required: required === true });
}
