import type { JsonSchemaDraft } from '../registry/json-schema-of.js';
import { quote } from '../internal/quote.js';

type JsonObject = Record<string, unknown>;

/** What `embedJsonSchema` made of a plugin's schema. */
export interface EmbeddedJsonSchema {
  readonly schema: JsonObject;
  /** What was left out, each with where it was: remote or dangling references, nested ids, broken patterns. */
  readonly dropped: readonly string[];
}

/** Keywords that name a schema resource or a place in it: refer to them from outside and the schema moves. */
const IDENTIFIERS = new Set(['$id', '$anchor', '$dynamicAnchor', '$schema']);

/**
 * An object as JSON has them, from any realm: a schema made in a `vm` context (as under jest) or by another
 * copy of a library is not `Object.prototype`'s, and must be read the same.
 */
function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `schema` (a plugin's options schema, from its library or a manifest) as a part of another document: its own
 * definitions moved into `defs` under `name.`, its references (`#`, `#/$defs/...`, `#/definitions/...`) pointed
 * at their new places (`#` at `name.self`). What would break the document it is merged into is left out and
 * reported: a reference outside it (an editor would fetch it) or to a definition it does not have, a nested
 * `$id`, `$anchor` or `$schema`, a `pattern` that is not a valid regular expression, and `__proto__` keys.
 */
export function embedJsonSchema(
  schema: JsonObject,
  name: string,
  draft: JsonSchemaDraft,
  defs: JsonObject,
): EmbeddedJsonSchema {
  const prefix = `#/${draft === '07' ? 'definitions' : '$defs'}/`;
  const own: JsonObject = {};
  for (const key of ['$defs', 'definitions']) {
    const group = schema[key];
    if (isJsonObject(group)) for (const [defName, definition] of Object.entries(group)) own[defName] = definition;
  }
  const dropped: string[] = [];
  const drop = (what: string, at: string) => dropped.push(`${what} at ${at || '/'}`);

  const target = (ref: string): string | undefined => {
    if (ref === '#') return `${prefix}${name}.self`;
    const local = /^#\/(?:\$defs|definitions)\/([^/]+)$/.exec(ref)?.[1];
    if (local === undefined) return undefined;
    let defName: string;
    try {
      defName = decodeURIComponent(local).replaceAll('~1', '/').replaceAll('~0', '~');
    } catch {
      return undefined;
    }
    return Object.hasOwn(own, defName) && defName !== '__proto__' ? `${prefix}${name}.${local}` : undefined;
  };

  const rewrite = (value: unknown, at: string): unknown => {
    if (Array.isArray(value)) return value.map((item, index) => rewrite(item, `${at}/${String(index)}`));
    if (!isJsonObject(value)) return value;
    const copy: JsonObject = {};
    for (const [key, item] of Object.entries(value)) {
      const where = `${at}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
      if (key === '__proto__') drop(`the key "__proto__"`, where);
      else if (IDENTIFIERS.has(key)) drop(`a nested ${key}`, where);
      else if (key === '$ref' && typeof item === 'string') {
        const moved = target(item);
        if (moved === undefined) drop(`$ref ${quote(item)} (outside this schema, or to a missing definition)`, at);
        else copy.$ref = moved;
      } else if (key === 'pattern' && typeof item === 'string' && !validPattern(item)) {
        drop(`pattern ${quote(item)} (not a valid regular expression)`, at);
      } else if (key === 'patternProperties' && isJsonObject(item)) {
        const kept: JsonObject = {};
        for (const [pattern, property] of Object.entries(item)) {
          if (validPattern(pattern) && pattern !== '__proto__')
            kept[pattern] = rewrite(property, `${where}/${pattern}`);
          else drop(`patternProperties ${quote(pattern)} (not a valid regular expression)`, where);
        }
        copy[key] = kept;
      } else copy[key] = rewrite(item, where);
    }
    return copy;
  };

  for (const [defName, definition] of Object.entries(own)) {
    if (defName === '__proto__') drop('the definition "__proto__"', '/$defs');
    else defs[`${name}.${defName}`] = rewrite(definition, `/$defs/${defName}`);
  }
  const rest = Object.fromEntries(
    Object.entries(schema).filter(([key]) => !['$schema', '$id', '$defs', 'definitions'].includes(key)),
  );
  const embedded = rewrite(rest, '') as JsonObject;
  // A reference to the whole schema (recursion) means the plugin's schema as it is, not relaxed for params.
  const self = `"${prefix}${name}.self"`;
  const ownDefs = Object.keys(own).map((defName) => defs[`${name}.${defName}`]);
  if ([embedded, ...ownDefs].some((part) => JSON.stringify(part ?? null).includes(self))) {
    defs[`${name}.self`] = structuredClone(embedded);
  }
  return { schema: embedded, dropped };
}

function validPattern(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}
