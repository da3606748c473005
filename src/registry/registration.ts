import { assertKnownKeys } from './arguments.js';
import { assertAlias, assertKind, describeValue, normalizeAlias } from './alias.js';
import type { PluginClass, PluginDefinition, PluginScope } from './plugin-entry.js';
import type { LazyTarget } from './lazy-target.js';
import { RegisteredPlugin } from './registered-plugin.js';
import { readDependencies, type InjectedDependency } from './plugin-dependency.js';
import { readSetupTimeout } from './setup-timeout.js';
import { readRules } from './plugin-rules.js';
import { InvalidPluginOptionsError } from '../errors/invalid-plugin-options-error.js';
import { PluginRegistrationError } from '../errors/plugin-registration-error.js';
import type { CallSite } from '../internal/call-site.js';
import { cloneOptions, copyFlatObject, copyOptions, isPlainObject } from '../internal/options.js';
import { messageOf, quote } from '../internal/quote.js';
import type { StandardSchemaV1 } from './standard-schema.js';
import { validateOptions } from './validate-options.js';
import type { KnownOptionKeys } from './known-option-keys.js';

const KNOWN_OPTIONS = [
  'after',
  'alias',
  'allowUnknownOptions',
  'before',
  'check',
  'description',
  'incompatibleWith',
  'inject',
  'kind',
  'optionKeys',
  'order',
  'override',
  'params',
  'recommend',
  'recommendedWhen',
  'registry',
  'requires',
  'schema',
  'scope',
  'setupTimeoutMs',
  'secretOptions',
];
/** A bit per registration key, to note which keys a registration gives: the checks of the others are skipped. */
const KEY_BITS = new Map(KNOWN_OPTIONS.map((key, index) => [key, 2 ** index]));
function bit(key: string): number {
  const found = KEY_BITS.get(key);
  if (found === undefined) throw new Error(`not a registration key: ${key}`);
  return found;
}
const DESCRIPTION = bit('description');
const RECOMMENDED_WHEN = bit('recommendedWhen');
const OVERRIDE = bit('override');
const ALLOW_UNKNOWN = bit('allowUnknownOptions');
const OPTION_KEYS = bit('optionKeys');
const SECRETS = bit('secretOptions');
const RECOMMEND = bit('recommend');
const SCHEMA = bit('schema');
const TIMEOUT = bit('setupTimeoutMs');
const SCOPE = bit('scope');
const INJECT = bit('inject');
const MAX_OPTION_KEYS = 10_000;
const SCOPES: readonly PluginScope[] = ['singleton', 'transient'];

/** Checks a registration's arguments and builds the registry's record, or throws a PluginError naming the problem. */
export function createRegisteredPlugin(
  target: unknown,
  options: CheckedRegistration,
  callSite: CallSite,
  lazy?: LazyTarget,
): RegisteredPlugin {
  if (!lazy) assertPluginClass(target, options.alias);
  const kind = options.kind ?? 'plugin';
  assertKind(kind);
  const flatCopy = copyFlatObject(options.params);
  const copy = flatCopy ?? checkedCopy(options.alias, options.params);
  const { schema } = options;
  const optionKeys = options.optionKeys && Object.freeze([...options.optionKeys]);
  let params = copy;
  if (schema || optionKeys) {
    const rules = { schema, optionKeys };
    // The params declare keys of their own; only an explicit `optionKeys` list limits them.
    const known = declaredKeys(optionKeys);
    // A schema's output may hold objects the schema shares between calls: the record keeps its own copy.
    if (schema) params = cloneOptions(validateOptions(options.alias, copy, rules, known));
    else validateOptions(options.alias, copy, rules, known);
  }
  return new RegisteredPlugin(
    normalizeAlias(options.alias),
    options.alias,
    kind,
    lazy ?? (target as PluginClass),
    options.description,
    options.recommendedWhen,
    params,
    flatCopy !== undefined && params === flatCopy,
    options.scope ?? 'transient',
    callSite,
    schema,
    optionKeys,
    options.recommend,
    readRules(options.alias, options as unknown as Readonly<Record<string, unknown>>),
    options.inject as readonly InjectedDependency[] | undefined,
    options.setupTimeoutMs,
    options.secretOptions || options.allowUnknownOptions === true || (schema && isPlainObject(copy))
      ? {
          secretOptions: options.secretOptions && Object.freeze([...options.secretOptions]),
          givenKeys: schema && isPlainObject(copy) ? Object.freeze(Object.keys(copy)) : undefined,
          allowUnknownOptions: options.allowUnknownOptions === true,
        }
      : undefined,
  );
}

/** The registration's own copy of `params` (not flat ones); throws InvalidPluginOptionsError for params it cannot keep. */
function checkedCopy(alias: string, params: unknown): unknown {
  const { copy, issues } = copyOptions(params);
  if (issues.length > 0) throw new InvalidPluginOptionsError(alias, issues);
  return copy;
}

/** The keys a registration's own `optionKeys` allow in its params: any when it has none. */
function declaredKeys(optionKeys: readonly string[] | undefined): KnownOptionKeys {
  if (optionKeys === undefined) return { keys: [], has: () => true, others: 'accepted' };
  const keys = new Set(optionKeys);
  return { keys: [...keys].sort(), has: (key) => keys.has(key), others: 'refused' };
}

/** A registration's arguments once checked; `registry` is checked by the registry it names. */
export type CheckedRegistration = PluginDefinition & { registry?: unknown };

/**
 * The registration `options` hold, read once into a plain object (so that getters and Proxy traps run once
 * and cannot change it later), and checked: known keys of the right types. Throws a PluginRegistrationError.
 */
export function readRegistration(options: unknown): CheckedRegistration {
  try {
    const record = snapshot(options);
    const given = givenKeys(record);
    checkRegistration(record, given);
    if (given & OPTION_KEYS && record.optionKeys !== undefined) record.optionKeys = [...record.optionKeys];
    if (given & INJECT && record.inject !== undefined) record.inject = readDependencies(record.alias, record.inject);
    if (given & SECRETS && record.secretOptions !== undefined) record.secretOptions = [...record.secretOptions];
    return record;
  } catch (error) {
    if (error instanceof PluginRegistrationError) throw error;
    throw new PluginRegistrationError(`Reading the plugin registration options threw: ${messageOf(error)}.`, {
      cause: error,
    });
  }
}

function snapshot(
  options: unknown,
): Record<string, unknown> & { optionKeys?: readonly string[]; secretOptions?: readonly string[] } {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new PluginRegistrationError(
      `Plugin registration options must be an object such as { alias: 'ddp' }, got ${describeValue(options)}.`,
    );
  }
  // A spread reads each property once, as a loop would, and copies an object literal by its shape in one step.
  return { ...options };
}

/** The bits of the keys `record` gives; throws for a key that is not a registration key. */
function givenKeys(record: Record<string, unknown>): number {
  let given = 0;
  for (const key in record) {
    const found = KEY_BITS.get(key);
    if (found === undefined) assertKnownKeys(record, KNOWN_OPTIONS, 'Plugin registration');
    else given |= found;
  }
  return given;
}

/** Throws unless `record` (a snapshot, giving the keys of `given`) holds values of the right types. */
function checkRegistration(
  record: Record<string, unknown>,
  given: number,
): asserts record is Record<string, unknown> & CheckedRegistration {
  assertAlias(record.alias);
  if (given & DESCRIPTION) assertType(record, 'description', 'string');
  if (given & RECOMMENDED_WHEN) assertType(record, 'recommendedWhen', 'string');
  if (given & OVERRIDE) assertType(record, 'override', 'boolean');
  if (given & ALLOW_UNKNOWN) assertType(record, 'allowUnknownOptions', 'boolean');
  if (given & OPTION_KEYS && record.optionKeys !== undefined && !isStringArray(record.optionKeys)) {
    throw new PluginRegistrationError(
      `Plugin ${quote(record.alias)}: optionKeys must be an array of strings, got ${describeValue(record.optionKeys)}.`,
    );
  }
  if (given & SECRETS && record.secretOptions !== undefined && !isStringArray(record.secretOptions)) {
    throw new PluginRegistrationError(
      `Plugin ${quote(record.alias)}: secretOptions must be an array of option keys (strings), ` +
        `got ${describeValue(record.secretOptions)}.`,
    );
  }
  if (given & RECOMMEND && record.recommend !== undefined && typeof record.recommend !== 'function') {
    throw new PluginRegistrationError(
      `Plugin ${quote(record.alias)}: recommend must be a function (env) => boolean | number, ` +
        `got ${describeValue(record.recommend)}.`,
    );
  }
  if (given & SCHEMA && record.schema !== undefined && !isStandardSchema(record.schema)) {
    throw new PluginRegistrationError(
      `Plugin ${quote(record.alias)}: schema must implement Standard Schema v1 (zod, valibot, arktype, ...), ` +
        `got ${describeValue(record.schema)}.`,
    );
  }
  // The message's context is built only for a registration that sets a timeout: quoting costs on every one.
  if (given & TIMEOUT && record.setupTimeoutMs !== undefined)
    readSetupTimeout(record.setupTimeoutMs, `Plugin ${quote(record.alias)}`);
  if (given & SCOPE && record.scope !== undefined && !SCOPES.includes(record.scope as PluginScope)) {
    throw new PluginRegistrationError(
      `Plugin ${quote(record.alias)}: scope must be "transient" or "singleton", got ${describeValue(record.scope)}.`,
    );
  }
}

/** Throws unless `record[key]` is undefined or of `type`. */
function assertType(record: Record<string, unknown>, key: string, type: 'string' | 'boolean'): void {
  const value = record[key];
  if (value === undefined || typeof value === type) return;
  const wanted = type === 'string' ? 'a string' : 'true or false';
  throw new PluginRegistrationError(
    `Plugin ${quote(record.alias)}: ${key} must be ${wanted}, got ${describeValue(value)}.`,
  );
}

function assertPluginClass(target: unknown, alias: string): asserts target is PluginClass {
  if (typeof target !== 'function' || !hasPrototype(target) || !canNew(target)) {
    throw new PluginRegistrationError(
      `Plugin ${quote(alias)}: the target must be a class, got ${describeValue(target)}. ` +
        'Apply @RegisterPlugin to a class declaration, or pass a class to register().',
    );
  }
}

/** True if `target.prototype` is there; false also for a (revoked) Proxy whose traps throw. */
function hasPrototype(target: object): boolean {
  try {
    return 'prototype' in target && (target as { prototype?: unknown }).prototype !== undefined;
  } catch {
    return false;
  }
}

/** Classes already known to be constructible: one class often registers many variants. */
const constructible = new WeakSet<object>();

/** True if `new target()` is allowed (a generator function has a prototype but is not a constructor); calls nothing. */
function canNew(target: object): boolean {
  if (constructible.has(target)) return true;
  try {
    Reflect.construct(Object, [], target as new () => unknown);
  } catch {
    return false;
  }
  constructible.add(target);
  return true;
}

function isStringArray(value: unknown): value is string[] {
  // Bounded first: `every` visits each index of a sparse array of length 2 ** 32 - 1.
  return Array.isArray(value) && value.length <= MAX_OPTION_KEYS && value.every((item) => typeof item === 'string');
}

function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  const props: unknown = (value as Partial<StandardSchemaV1>)['~standard'];
  if (typeof props !== 'object' || props === null) return false;
  const { version, validate } = props as Partial<StandardSchemaV1.Props>;
  return version === 1 && typeof validate === 'function';
}
