import { jsonSchemaOf, type JsonSchemaDraft } from '../registry/json-schema-of.js';
import type { SchemaPlugin, SchemaSource } from './schema-plugin.js';
import type { RegisteredPlugin } from '../registry/registered-plugin.js';
import type { RegistryCore } from '../registry/registry-core.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import { internals } from '../registry/registry-internals.js';

/**
 * What a registry holds, for the JSON Schema. A plugin known only from a manifest has its module imported
 * first, since its options schema lives there.
 */
export function registrySchemaSource(registry: PluginRegistry, draft: JsonSchemaDraft): SchemaSource {
  // A manifest entry's module is imported: it registers the real class, with its schema, in the entry's place.
  const core = internals(registry);
  const plugins = core.records().map((record) => schemaPlugin(core.materialize(record), draft, core));
  const exclusiveKinds = new Set(core.kinds().filter((kind) => core.kindOptions(kind).exclusive));
  const defined = [...core.definedKinds()];
  const kindDefaults = new Map(
    defined.flatMap(([kind, settings]) => (settings.default === undefined ? [] : [[kind, settings.default] as const])),
  );
  const requiredKinds = new Set(defined.filter(([, settings]) => settings.required).map(([kind]) => kind));
  const deprecations = registry
    .deprecations()
    .map(({ alias, successor, message }) => ({ alias, successor, ...(message === undefined ? {} : { message }) }));
  return { plugins, exclusiveKinds, kindDefaults, requiredKinds, deprecations };
}

function schemaPlugin(entry: RegisteredPlugin, draft: JsonSchemaDraft, core: RegistryCore): SchemaPlugin {
  const known = core.knownOptionKeys(entry);
  return {
    alias: entry.alias,
    kind: entry.kind,
    description: entry.description,
    recommendedWhen: entry.recommendedWhen,
    params: entry.params,
    optionKeys: entry.optionKeys,
    knownKeys: known.others === 'refused' ? known.keys : undefined,
    singleton: entry.scope === 'singleton',
    schema: entry.schema && jsonSchemaOf(entry.schema, draft),
    requires: entry.requires,
    incompatibleWith: entry.incompatibleWith,
  };
}
