import { PluginRegistrationError } from '../errors/plugin-registration-error.js';
import { quote, truncate } from '../internal/quote.js';

const ALIAS = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const KIND = /^[A-Za-z][A-Za-z0-9_-]*$/;
const MAX_LENGTH = 128;

/** The form aliases are compared in: case is ignored and `-` equals `_`. */
export function normalizeAlias(alias: string): string {
  return alias.toLowerCase().replaceAll('-', '_');
}

/** Throws a PluginRegistrationError unless `alias` is a usable alias. */
export function assertAlias(alias: unknown): asserts alias is string {
  if (typeof alias !== 'string') {
    throw new PluginRegistrationError(`A plugin alias must be a string, got ${describeValue(alias)}.`);
  }
  if (alias.length === 0 || alias.length > MAX_LENGTH || !ALIAS.test(alias)) {
    throw new PluginRegistrationError(
      `Invalid plugin alias ${quote(alias)}: use 1 to ${String(MAX_LENGTH)} ASCII letters, digits, "_", "-" or ".", ` +
        'starting with a letter or digit (for example "deepspeed_zero_3_offload").',
    );
  }
}

/** Throws a PluginRegistrationError unless `kind` is a usable kind name. */
export function assertKind(kind: unknown): asserts kind is string {
  if (typeof kind !== 'string' || kind.length > MAX_LENGTH || !KIND.test(kind)) {
    throw new PluginRegistrationError(
      `Invalid plugin kind ${typeof kind === 'string' ? quote(kind) : describeValue(kind)}: ` +
        'use ASCII letters, digits, "_" or "-", starting with a letter (for example "strategy").',
    );
  }
}

/** A short description of a value of the wrong type, for messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'function') return `function ${truncate(value.name || '(anonymous)')}`;
  if (typeof value === 'object') return Array.isArray(value) ? 'an array' : 'an object';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'symbol') return truncate(value.toString());
  if (value === undefined) return 'undefined';
  return `${typeof value} ${value as number | bigint | boolean}`;
}
