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

const KNOWN_KEYS = new Set([
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
]);
const KNOWN_OPTIONS = [...KNOWN_KEYS];
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
  const copy = flatCopy ?? copyParams(options.alias, options.params);
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
function copyParams(alias: string, params: unknown): unknown {
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
    checkRegistration(record);
    if (record.optionKeys !== undefined) record.optionKeys = [...record.optionKeys];
    if (record.inject !== undefined) record.inject = readDependencies(record.alias, record.inject);
    if (record.secretOptions !== undefined) record.secretOptions = [...record.secretOptions];
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
  const record: Record<string, unknown> = { ...options };
  for (const key in record) {
    if (!KNOWN_KEYS.has(key)) assertKnownKeys(record, KNOWN_OPTIONS, 'Plugin registration');
  }
  return record;
}

/** Throws unless `record` (a snapshot) holds known keys of the right types. */
function checkRegistration(
  record: Record<string, unknown>,
): asserts record is Record<string, unknown> & CheckedRegistration {
  assertAlias(record.alias);
  assertType(record, 'description', 'string');
  assertType(record, 'recommendedWhen', 'string');
  assertType(record, 'override', 'boolean');
  assertType(record, 'allowUnknownOptions', 'boolean');
  if (record.optionKeys !== undefined && !isStringArray(record.optionKeys)) {
    throw new PluginRegistrationError(
      `Plugin ${quote(record.alias)}: optionKeys must be an array of strings, got ${describeValue(record.optionKeys)}.`,
    );
  }
  if (record.secretOptions !== undefined && !isStringArray(record.secretOptions)) {
    throw new PluginRegistrationError(
      `Plugin ${quote(record.alias)}: secretOptions must be an array of option keys (strings), ` +
        `got ${describeValue(record.secretOptions)}.`,
    );
  }
  if (record.recommend !== undefined && typeof record.recommend !== 'function') {
    throw new PluginRegistrationError(
      `Plugin ${quote(record.alias)}: recommend must be a function (env) => boolean | number, ` +
        `got ${describeValue(record.recommend)}.`,
    );
  }
  if (record.schema !== undefined && !isStandardSchema(record.schema)) {
    throw new PluginRegistrationError(
      `Plugin ${quote(record.alias)}: schema must implement Standard Schema v1 (zod, valibot, arktype, ...), ` +
        `got ${describeValue(record.schema)}.`,
    );
  }
  // The message's context is built only for a registration that sets a timeout: quoting costs on every one.
  if (record.setupTimeoutMs !== undefined) readSetupTimeout(record.setupTimeoutMs, `Plugin ${quote(record.alias)}`);
  if (record.scope !== undefined && !SCOPES.includes(record.scope as PluginScope)) {
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
