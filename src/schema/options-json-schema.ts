import type { JsonSchemaDraft } from '../registry/json-schema-of.js';
import { embedJsonSchema } from './embed-json-schema.js';
import type { SchemaPlugin } from './schema-plugin.js';
import { isPlainObject } from '../internal/options.js';

type JsonObject = Record<string, unknown>;

/**
 * The JSON Schema of the options a selection may give `plugin` (merged over its variant's params): from its
 * schema's own JSON Schema when it describes itself; else from the types of its params; an open object, marked so,
 * when its schema cannot describe itself. Where the plugin's option keys are known, no other key is allowed. Definitions the schema carries are moved into
 * `defs` under `name.`, where `name` is the definition this schema is stored under.
 */
export function optionsJsonSchema(
  plugin: SchemaPlugin,
  name: string,
  draft: JsonSchemaDraft,
  defs: JsonObject,
): JsonObject {
  const about = `Options of ${plugin.alias} (${plugin.kind}), merged over its params`;
  let schema: JsonObject;
  if (plugin.schema?.described === true) {
    const embedded = embedJsonSchema(plugin.schema.schema, name, draft, defs);
    schema = embedded.schema;
    relaxForParams(schema, plugin.params);
    schema.description = `${about}.`;
    if (embedded.dropped.length > 0) {
      schema.$comment = `Left out of the plugin's JSON Schema, which plugboard still applies: ${embedded.dropped.join('; ')}.`;
    }
  } else if (plugin.schema) {
    schema = {
      type: 'object',
      description: `${about}. Not checked here: ${plugin.schema.reason}; plugboard checks them when they are used.`,
      $comment: 'open: the plugin schema cannot describe itself as JSON Schema',
    };
  } else {
    schema = { type: 'object', description: `${about}.`, properties: paramTypes(plugin.params) };
  }
  if (plugin.knownKeys) restrictKeys(schema, plugin.knownKeys);
  return schema;
}

/** Option keys as properties, typed by the params' values (a variant's `workers: 2` makes `workers` a number). */
function paramTypes(params: unknown): JsonObject {
  if (!isPlainObject(params)) return {};
  const properties: JsonObject = {};
  for (const [key, value] of Object.entries(params)) {
    const type = jsonType(value);
    properties[key] = { ...(type === undefined ? {} : { type }), default: value };
  }
  return properties;
}

function jsonType(value: unknown): string | undefined {
  if (value === null) return undefined;
  if (Array.isArray(value)) return 'array';
  if (isPlainObject(value)) return 'object';
  return ['string', 'number', 'boolean'].includes(typeof value) ? typeof value : undefined;
}

/** Only the declared keys: listed as properties (untyped when nothing says their type), others refused. */
function restrictKeys(schema: JsonObject, keys: readonly string[]): void {
  // Any object, not only a plain one: a schema copied by structuredClone may come from another realm.
  const given = schema.properties;
  const declared = typeof given === 'object' && given !== null && !Array.isArray(given);
  if (declared || schema.type === 'object') {
    const properties = declared ? (given as JsonObject) : {};
    for (const key of keys) properties[key] ??= {};
    schema.properties = properties;
    schema.additionalProperties = false;
    return;
  }
  schema.propertyNames = { enum: [...keys] };
}

/**
 * A selection's options are merged over the variant's params before they are checked, so what the params hold
 * is not required of the selection; their values are shown as defaults.
 */
function relaxForParams(schema: JsonObject, params: unknown): void {
  if (!isPlainObject(params)) return;
  if (Array.isArray(schema.required)) {
    const required = schema.required.filter((key) => typeof key !== 'string' || !Object.hasOwn(params, key));
    if (required.length > 0) schema.required = required;
    else delete schema.required;
  }
  if (!isPlainObject(schema.properties)) return;
  for (const [key, value] of Object.entries(params)) {
    const property = schema.properties[key];
    if (!isPlainObject(property)) continue;
    if (isPlainObject(value)) relaxForParams(property, value);
    else if (!('$ref' in property)) property.default = value;
  }
}
