import { PluginRegistrationError } from '../errors/plugin-registration-error.js';
import { nameOf, quote, truncate } from '../internal/quote.js';

const ALIAS = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const KIND = /^[A-Za-z][A-Za-z0-9_-]*$/;
/** The longest alias or kind name. */
export const MAX_ALIAS_LENGTH = 128;
const MAX_LENGTH = MAX_ALIAS_LENGTH;
// eslint-disable-next-line no-control-regex -- the ASCII range starts at NUL
const NON_ASCII = /[^\u0000-\u007f]/;
/** A character that normalizing might change: anything but lower-case ASCII letters, digits, `_` and `.`. */
const NEEDS_FOLDING = /[^a-z0-9_.]/;

/** An alias that is valid and in its normal form already, as most are: one test says both. */
const NORMAL_ALIAS = /^[a-z0-9][a-z0-9_.]*$/;
/** The alias `assertAlias` last found valid and normal: registering it normalises it next. */
let lastNormalAlias: string | undefined;

/** The form aliases are compared in: ASCII case is ignored and `-` equals `_` (no Unicode case folding). */
export function normalizeAlias(alias: string): string {
  // Most aliases are written in their normal form already: one test, and the same string back.
  if (alias === lastNormalAlias || !NEEDS_FOLDING.test(alias)) return alias;
  // toLowerCase folds ASCII only when the text is ASCII; otherwise fold A-Z alone (KELVIN SIGN stays itself).
  const lower = NON_ASCII.test(alias) ? alias.replace(/[A-Z]+/g, (upper) => upper.toLowerCase()) : alias.toLowerCase();
  return lower.replaceAll('-', '_');
}

/**
 * Why `alias` cannot be an alias, for a message (its length, or the first character that is not allowed with
 * its position and code point), or undefined if it could be one. Checks the length first: cheap on huge text.
 */
export function aliasProblem(alias: unknown): string | undefined {
  if (typeof alias !== 'string') return `an alias must be a string, got ${describeValue(alias)}`;
  if (alias.length === 0) return 'an alias cannot be empty';
  if (alias.length > MAX_LENGTH)
    return `an alias has at most ${String(MAX_LENGTH)} characters, got ${String(alias.length)}`;
  if (ALIAS.test(alias)) return undefined;
  let position = 0;
  let char = '';
  for (const found of alias) {
    const allowed = position === 0 ? /^[A-Za-z0-9]$/ : /^[A-Za-z0-9_.-]$/;
    if (!allowed.test(found)) {
      char = found;
      break;
    }
    position += found.length;
  }
  const code = `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  const kind = NON_ASCII.test(char) ? 'the non-ASCII character' : 'the character';
  return `${kind} ${quote(char)} (${code}) at position ${String(position)} is not allowed in an alias`;
}

/** Throws a PluginRegistrationError unless `alias` is a usable alias. */
export function assertAlias(alias: unknown): asserts alias is string {
  if (typeof alias === 'string' && alias.length <= MAX_LENGTH && NORMAL_ALIAS.test(alias)) {
    lastNormalAlias = alias;
    return;
  }
  if (typeof alias !== 'string') {
    throw new PluginRegistrationError(`A plugin alias must be a string, got ${describeValue(alias)}.`);
  }
  const problem = aliasProblem(alias);
  if (problem !== undefined) {
    throw new PluginRegistrationError(
      `Invalid plugin alias ${quote(alias)} (${problem}): use 1 to ${String(MAX_LENGTH)} ASCII letters, digits, ` +
        '"_", "-" or ".", starting with a letter or digit (for example "deepspeed_zero_3_offload").',
    );
  }
}

/** A kind known to be good (the default one, to begin with). */
let lastGoodKind = 'plugin';

/** Throws a PluginRegistrationError unless `kind` is a usable kind name. */
export function assertKind(kind: unknown): asserts kind is string {
  // Registrations come in runs of one kind: the kind last found good needs no second look.
  if (kind === lastGoodKind) return;
  if (typeof kind !== 'string' || kind.length > MAX_LENGTH || !KIND.test(kind)) {
    throw new PluginRegistrationError(
      `Invalid plugin kind ${typeof kind === 'string' ? quote(kind) : describeValue(kind)}: ` +
        'use ASCII letters, digits, "_" or "-", starting with a letter (for example "strategy").',
    );
  }
  lastGoodKind = kind;
}

/** A short description of a value of the wrong type, for messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'function') return `function ${nameOf(value, '(anonymous)')}`;
  if (typeof value === 'object') return isArray(value) ? 'an array' : 'an object';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'symbol') return truncate(value.toString());
  if (value === undefined) return 'undefined';
  return `${typeof value} ${value as number | bigint | boolean}`;
}

/** Array.isArray, which throws for a revoked Proxy: that is "an object" here. */
function isArray(value: object): boolean {
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
}
