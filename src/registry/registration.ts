import { assertAlias, assertKind, describeValue, normalizeAlias } from './alias.js';
import type { PluginClass, PluginDefinition, PluginScope } from './plugin-entry.js';
import { RegisteredPlugin, type LazyTarget } from './registered-plugin.js';
import { readRules } from './plugin-rules.js';
import { InvalidPluginOptionsError } from '../errors/invalid-plugin-options-error.js';
import { PluginRegistrationError } from '../errors/plugin-registration-error.js';
import type { CallSite } from '../internal/call-site.js';
import { copyOptions, deepFreeze } from '../internal/options.js';
import { quote } from '../internal/quote.js';
import type { StandardSchemaV1 } from './standard-schema.js';
import { validateOptions } from './validate-options.js';

const KNOWN_KEYS = new Set([
  'alias',
  'check',
  'description',
  'incompatibleWith',
  'kind',
  'optionKeys',
  'override',
  'params',
  'recommend',
  'recommendedWhen',
  'registry',
  'requires',
  'schema',
  'scope',
]);
const SCOPES: readonly PluginScope[] = ['singleton', 'transient'];

/** Checks a registration's arguments and builds the registry's record, or throws a PluginError naming the problem. */
export function createRegisteredPlugin(
  target: unknown,
  options: unknown,
  callSite: CallSite,
  lazy?: LazyTarget,
): RegisteredPlugin {
  assertRegistration(options);
  if (!lazy) assertPluginClass(target, options.alias);
  const kind = options.kind ?? 'plugin';
  assertKind(kind);
  const { copy, issues } = copyOptions(options.params);
  if (issues.length > 0) throw new InvalidPluginOptionsError(options.alias, issues);
  const rules = { schema: options.schema, optionKeys: options.optionKeys && Object.freeze([...options.optionKeys]) };
  const params = rules.schema || rules.optionKeys ? validateOptions(options.alias, copy, rules) : copy;
  return new RegisteredPlugin(
    normalizeAlias(options.alias),
    options.alias,
    kind,
    lazy ?? (target as PluginClass),
    options.description,
    options.recommendedWhen,
    deepFreeze(params),
    options.scope ?? 'transient',
    callSite,
    rules.schema,
    rules.optionKeys,
    options.recommend,
    readRules(options.alias, options as unknown as Readonly<Record<string, unknown>>),
  );
}

/** A registration's arguments once checked; `registry` is checked by the registry it names. */
export type CheckedRegistration = PluginDefinition & { registry?: unknown };

/** Throws unless `options` is a registration with known keys of the right types. */
export function assertRegistration(options: unknown): asserts options is CheckedRegistration {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new PluginRegistrationError(
      `Plugin registration options must be an object such as { alias: 'ddp' }, got ${describeValue(options)}.`,
    );
  }
  const record = options as Record<string, unknown>;
  const unknown = Object.keys(record).filter((key) => !KNOWN_KEYS.has(key));
  if (unknown.length > 0) {
    throw new PluginRegistrationError(
      `Unknown plugin registration option ${unknown.map((key) => quote(key)).join(', ')}. ` +
        `Known options: ${[...KNOWN_KEYS].join(', ')}.`,
    );
  }
  assertAlias(record.alias);
  for (const key of ['description', 'recommendedWhen'] as const) {
    if (record[key] !== undefined && typeof record[key] !== 'string') {
      throw new PluginRegistrationError(
        `Plugin ${quote(record.alias)}: ${key} must be a string, got ${describeValue(record[key])}.`,
      );
    }
  }
  if (record.override !== undefined && typeof record.override !== 'boolean') {
    throw new PluginRegistrationError(
      `Plugin ${quote(record.alias)}: override must be true or false, got ${describeValue(record.override)}.`,
    );
  }
  if (record.optionKeys !== undefined && !isStringArray(record.optionKeys)) {
    throw new PluginRegistrationError(
      `Plugin ${quote(record.alias)}: optionKeys must be an array of strings, got ${describeValue(record.optionKeys)}.`,
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
  if (record.scope !== undefined && !SCOPES.includes(record.scope as PluginScope)) {
    throw new PluginRegistrationError(
      `Plugin ${quote(record.alias)}: scope must be "transient" or "singleton", got ${describeValue(record.scope)}.`,
    );
  }
}

function assertPluginClass(target: unknown, alias: string): asserts target is PluginClass {
  if (typeof target !== 'function' || !('prototype' in target) || target.prototype === undefined || !canNew(target)) {
    throw new PluginRegistrationError(
      `Plugin ${quote(alias)}: the target must be a class, got ${describeValue(target)}. ` +
        'Apply @RegisterPlugin to a class declaration, or pass a class to register().',
    );
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
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  const props = (value as Partial<StandardSchemaV1>)['~standard'];
  return props?.version === 1 && typeof props.validate === 'function';
}
