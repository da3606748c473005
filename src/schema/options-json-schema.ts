import type { JsonSchemaDraft } from '../registry/json-schema-of.js';
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
    schema = embed(plugin.schema.schema, name, draft, defs);
    relaxForParams(schema, plugin.params);
    schema.description = `${about}.`;
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

/**
 * `schema` as a part of another document: its `$schema` and `$id` dropped, its definitions moved into `defs`
 * under `name.`, and its references (`#`, `#/$defs/...`) pointed at their new places (`#` at `name.self`).
 */
function embed(schema: JsonObject, name: string, draft: JsonSchemaDraft, defs: JsonObject): JsonObject {
  const defsKey = draft === '07' ? 'definitions' : '$defs';
  const prefix = `#/${defsKey}/`;
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (!isPlainObject(value)) return value;
    const copy: JsonObject = {};
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') {
        copy.$ref =
          item === '#'
            ? `${prefix}${name}.self`
            : item.startsWith(prefix)
              ? `${prefix}${name}.${item.slice(prefix.length)}`
              : item;
      } else copy[key] = rewrite(item);
    }
    return copy;
  };
  const rest = Object.fromEntries(
    Object.entries(schema).filter(([key]) => key !== '$schema' && key !== '$id' && key !== defsKey),
  );
  const own = schema[defsKey];
  if (isPlainObject(own)) {
    for (const [key, definition] of Object.entries(own)) defs[`${name}.${key}`] = rewrite(definition);
  }
  const embedded = rewrite(rest) as JsonObject;
  // A reference to the whole schema (recursion) means the plugin's schema as it is, not relaxed for params.
  if (JSON.stringify(embedded).includes(`"${prefix}${name}.self"`)) defs[`${name}.self`] = structuredClone(embedded);
  return embedded;
}
