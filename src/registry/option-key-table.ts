import { jsonSchemaOf } from './json-schema-of.js';
import type { KnownOptionKeys } from './known-option-keys.js';
import type { LazySource } from './lazy-target.js';
import type { RegisteredPlugin } from './registered-plugin.js';
import type { StandardSchemaV1 } from './standard-schema.js';
import { isPlainObject } from '../internal/options.js';

/** What a schema's own JSON Schema says about the keys it takes. */
export type SchemaKeys = { readonly closed: readonly string[] } | { readonly open: true } | { readonly unlisted: true };

/**
 * The known option keys of each record of one registry, made at the first question and forgotten when the
 * registry changes (a new variant of a class adds its params' keys to every variant's).
 */
export class OptionKeyTable {
  readonly #records: () => readonly RegisteredPlugin[];
  /** Made at the first question after a change: registering thousands of plugins makes no table each. */
  #known: WeakMap<RegisteredPlugin, KnownOptionKeys> | undefined;
  #paramKeys: Map<unknown, Set<string>> | undefined;

  constructor(records: () => readonly RegisteredPlugin[]) {
    this.#records = records;
  }

  /** Forgets what was worked out: the registry's records changed. */
  changed(): void {
    this.#known = undefined;
    this.#paramKeys = undefined;
  }

  of(entry: RegisteredPlugin): KnownOptionKeys {
    this.#known ??= new WeakMap();
    let known = this.#known.get(entry);
    if (!known) {
      known = knownOptionKeys(entry, this.#siblingParamKeys(entry));
      this.#known.set(entry, known);
    }
    return known;
  }

  /** The params' keys of every current registration of `entry`'s class (a manifest entry: of its module's export). */
  #siblingParamKeys(entry: RegisteredPlugin): Iterable<string> {
    if (!this.#paramKeys) {
      const byClass = new Map<unknown, Set<string>>();
      for (const record of this.#records()) {
        const keys = record.paramKeys();
        if (keys.length === 0) continue;
        const identity = classIdentity(record);
        const found = byClass.get(identity);
        if (found) for (const key of keys) found.add(key);
        else byClass.set(identity, new Set(keys));
      }
      this.#paramKeys = byClass;
    }
    const siblings = this.#paramKeys.get(classIdentity(entry));
    const own = entry.paramKeys();
    if (!siblings) return own;
    // A current registration's keys are among its class's already (a listing asks about a thousand of them).
    for (const key of own) if (!siblings.has(key)) return [...siblings, ...own];
    return siblings;
  }
}

/** The text naming a manifest entry's class, made once per entry (the listing of a manifest asks for each). */
const lazyIdentities = new WeakMap<LazySource, string>();

function classIdentity(record: RegisteredPlugin): unknown {
  const lazy = record.lazy;
  if (!lazy) return record.target;
  let identity = lazyIdentities.get(lazy);
  if (identity === undefined) {
    identity = `${lazy.module}\0${lazy.exportName ?? ''}`;
    lazyIdentities.set(lazy, identity);
  }
  return identity;
}

/** The known keys of `entry`, given the params' keys of its class's variants. */
export function knownOptionKeys(entry: RegisteredPlugin, paramKeys: Iterable<string>): KnownOptionKeys {
  return combineKnownKeys({
    optionKeys: entry.optionKeys,
    // A manifest entry's schema is known only once its module is loaded: its record then says the rest.
    schema: entry.lazy ? 'deferred' : entry.schema && schemaKeys(entry.schema),
    // A key the registration names as a secret is one it takes.
    paramKeys: entry.secretOptions ? [...paramKeys, ...entry.secretOptions] : paramKeys,
    allowUnknownOptions: entry.allowUnknownOptions,
  });
}

/** What a registration declares about its option keys, wherever it comes from (a record or a manifest). */
export interface DeclaredKeys {
  readonly optionKeys: readonly string[] | undefined;
  /** What its schema says: none (undefined), its keys, or `'deferred'` (a schema not loaded yet). */
  readonly schema: SchemaKeys | 'deferred' | undefined;
  readonly paramKeys: Iterable<string>;
  readonly allowUnknownOptions: boolean;
}

/** The known keys and the rule for others, from what a registration declares. */
export function combineKnownKeys(declared: DeclaredKeys): KnownOptionKeys {
  const { optionKeys, schema } = declared;
  // In the order a person wrote them: `optionKeys`, the schema's properties, then the params'.
  const keys = new Set<string>(optionKeys);
  let others: KnownOptionKeys['others'] = 'refused';
  if (schema === 'deferred') {
    if (optionKeys === undefined) others = 'accepted';
  } else if (schema) {
    if ('closed' in schema) for (const key of schema.closed) keys.add(key);
    else if (optionKeys === undefined) others = 'open' in schema ? 'accepted' : 'schema';
  }
  for (const key of declared.paramKeys) keys.add(key);
  if (declared.allowUnknownOptions) others = 'accepted';
  return { keys: [...keys], has: (key) => keys.has(key), others };
}

/** The keys a schema takes, as its Standard JSON Schema (of its input) lists them. */
function schemaKeys(schema: StandardSchemaV1): SchemaKeys {
  const described = jsonSchemaOf(schema, '2020-12');
  return described.described ? jsonSchemaKeys(described.schema) : { unlisted: true };
}

/**
 * The keys a JSON Schema of an object lists: closed (its `properties`, when no other key is allowed: a zod
 * `z.object` strips the others), open (`additionalProperties` or `patternProperties` take others), or unlisted.
 */
export function jsonSchemaKeys(json: Readonly<Record<string, unknown>>): SchemaKeys {
  const { properties, additionalProperties, patternProperties } = json;
  const open =
    (additionalProperties !== undefined && additionalProperties !== false) ||
    (isPlainObject(patternProperties) && Object.keys(patternProperties).length > 0);
  if (open && json.type === 'object') return { open: true };
  if (isPlainObject(properties) && !open) return { closed: Object.keys(properties) };
  return { unlisted: true };
}
