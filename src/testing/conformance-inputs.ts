import { jsonSchemaOf } from '../registry/json-schema-of.js';
import type { PluginEntry } from '../registry/plugin-entry.js';

/** Options made for one plugin: some its schema accepts, some just outside it. */
export interface ConformanceInputs {
  /** Overrides the plugin's JSON Schema accepts: each must construct. */
  readonly valid: readonly Record<string, unknown>[];
  /** Overrides one step outside what it accepts, and what is wrong with each: validation must refuse each. */
  readonly nearMiss: readonly { readonly input: Record<string, unknown>; readonly what: string }[];
}

type Schema = Readonly<Record<string, unknown>>;

/** The most valid inputs made for one plugin, besides the one that sets every property. */
const MAX_ALTERNATIVES = 6;
/** The depth past which nested objects are not filled in. */
const MAX_DEPTH = 4;

/**
 * Options for `entry` from its JSON Schema (through Standard JSON Schema), where it has one: an override that
 * sets every property it can make a value for, one per other enum or boolean value, an unknown key one edit
 * away from a known one (when the plugin refuses unknown keys) and a value of the wrong type. Without a JSON
 * Schema, only the unknown key, and only when `optionKeys` names the keys.
 */
export function conformanceInputs(entry: PluginEntry): ConformanceInputs {
  const schema = entry.schema ? objectSchemaOf(entry) : undefined;
  const properties = schema ? propertiesOf(schema) : {};
  const valid: Record<string, unknown>[] = [];
  const nearMiss: { input: Record<string, unknown>; what: string }[] = [];
  const filled: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(properties)) {
    // The variant's own params stay: an override of them would test another variant.
    if (paramOf(entry, key) !== undefined) continue;
    const value = valueFor(property, 0);
    if (value !== undefined) filled[key] = value;
  }
  if (Object.keys(filled).length > 0) valid.push(filled);
  for (const [key, property] of Object.entries(properties)) {
    for (const other of alternativesOf(property, filled[key] ?? paramOf(entry, key))) {
      if (valid.length > MAX_ALTERNATIVES) break;
      valid.push({ [key]: other });
    }
  }
  const keys = entry.optionKeys ?? (schema?.additionalProperties === false ? Object.keys(properties) : undefined);
  const typo = keys ? typoOf(keys) : undefined;
  if (typo) {
    nearMiss.push({
      input: { [typo.unknown]: filled[typo.known] ?? paramOf(entry, typo.known) ?? 1 },
      what: `unknown key "${typo.unknown}" (one edit from "${typo.known}")`,
    });
  }
  const wrong = wrongTypeOf(properties);
  if (wrong)
    nearMiss.push({ input: { [wrong.key]: wrong.value }, what: `${wrong.key} of the wrong type (${wrong.why})` });
  return { valid, nearMiss };
}

/** The plugin's options schema as a JSON Schema of an object, or undefined. */
function objectSchemaOf(entry: PluginEntry): Schema | undefined {
  const described = jsonSchemaOf(entry.schema as NonNullable<PluginEntry['schema']>, '2020-12');
  if (!described.described) return undefined;
  const { schema } = described;
  return schema.type === 'object' || isObject(schema.properties) ? schema : undefined;
}

function propertiesOf(schema: Schema): Record<string, Schema> {
  const properties = schema.properties;
  if (!isObject(properties)) return {};
  const result: Record<string, Schema> = {};
  for (const [key, value] of Object.entries(properties)) if (isObject(value)) result[key] = value;
  return result;
}

/** A value `schema` accepts, or undefined when none can be made simply (a pattern, a format, multipleOf). */
function valueFor(schema: Schema, depth: number): unknown {
  if ('default' in schema) return schema.default;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0] as unknown;
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = schema[key];
    if (!Array.isArray(branches)) continue;
    for (const branch of branches) {
      const value = isObject(branch) ? valueFor(branch, depth) : undefined;
      if (value !== undefined) return value;
    }
    return undefined;
  }
  switch (typeOf(schema)) {
    case 'boolean':
      return true;
    case 'integer':
      return numberFor(schema, true);
    case 'number':
      return numberFor(schema, false);
    case 'string':
      return stringFor(schema);
    case 'null':
      return null;
    case 'array':
      return typeof schema.minItems === 'number' && schema.minItems > 0 ? undefined : [];
    case 'object':
      return depth < MAX_DEPTH ? objectFor(schema, depth + 1) : undefined;
    default:
      return undefined;
  }
}

function numberFor(schema: Schema, integer: boolean): number | undefined {
  if (schema.multipleOf !== undefined) return undefined;
  const step = integer ? 1 : 0.5;
  let value = 1;
  if (typeof schema.minimum === 'number' && value < schema.minimum) value = schema.minimum;
  if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) {
    value = integer ? Math.floor(schema.exclusiveMinimum) + 1 : schema.exclusiveMinimum + step;
  }
  if (typeof schema.maximum === 'number' && value > schema.maximum) value = schema.maximum;
  if (typeof schema.exclusiveMaximum === 'number' && value >= schema.exclusiveMaximum) {
    value = integer ? Math.ceil(schema.exclusiveMaximum) - 1 : schema.exclusiveMaximum - step;
  }
  if (integer && !Number.isInteger(value)) value = Math.ceil(value);
  return Number.isFinite(value) ? value : undefined;
}

function stringFor(schema: Schema): string | undefined {
  if (schema.pattern !== undefined || schema.format !== undefined) return undefined;
  const min = typeof schema.minLength === 'number' ? schema.minLength : 1;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Math.max(min, 1);
  const length = Math.min(Math.max(min, 1), max);
  return length > 1_000 ? undefined : 'x'.repeat(length);
}

/** An object with every required property (and no other), or undefined when one of them cannot be made. */
function objectFor(schema: Schema, depth: number): Record<string, unknown> | undefined {
  const properties = propertiesOf(schema);
  const required = Array.isArray(schema.required) ? schema.required.filter((key) => typeof key === 'string') : [];
  const result: Record<string, unknown> = {};
  for (const key of required) {
    const property = properties[key];
    const value = property ? valueFor(property, depth) : undefined;
    if (value === undefined) return undefined;
    result[key] = value;
  }
  return result;
}

/** Other values the property accepts than `chosen`: the other enum values, or the other boolean. */
function alternativesOf(schema: Schema, chosen: unknown): unknown[] {
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).filter((value) => value !== chosen).slice(0, 3);
  if (typeOf(schema) === 'boolean' && typeof chosen === 'boolean') return [!chosen];
  return [];
}

/** The JSON type a schema names (its first one other than null). */
function typeOf(schema: Schema): string | undefined {
  const { type } = schema;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return type.find((item): item is string => typeof item === 'string' && item !== 'null');
  return undefined;
}

/** A key one edit away from a known key (its last letter dropped, or one added) that is not itself known. */
function typoOf(keys: readonly string[]): { known: string; unknown: string } | undefined {
  const known = new Set(keys);
  for (const key of [...keys].sort()) {
    for (const unknown of [key.slice(0, -1), `${key}s`, `${key}_`]) {
      if (unknown.length > 0 && !known.has(unknown)) return { known: key, unknown };
    }
  }
  return undefined;
}

/** A property whose JSON type is a scalar, with a value of another type. */
function wrongTypeOf(properties: Record<string, Schema>): { key: string; value: unknown; why: string } | undefined {
  for (const [key, property] of Object.entries(properties)) {
    if (property.anyOf !== undefined || property.oneOf !== undefined || Array.isArray(property.type)) continue;
    switch (property.type) {
      case 'number':
      case 'integer':
        return { key, value: '1', why: `a string where the schema says ${property.type}` };
      case 'boolean':
        return { key, value: 'true', why: 'a string where the schema says boolean' };
      case 'string':
        if (Array.isArray(property.enum)) continue;
        return { key, value: 1, why: 'a number where the schema says string' };
      default:
        continue;
    }
  }
  return undefined;
}

function paramOf(entry: PluginEntry, key: string): unknown {
  const params: unknown = entry.params;
  return isObject(params) ? params[key] : undefined;
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
