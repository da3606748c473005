import type { JsonSchemaDraft } from '../registry/json-schema-of.js';
import type { SchemaPlugin, SchemaSource } from './schema-plugin.js';
import type { ManifestPlugin, PluginManifest } from '../discovery/plugin-manifest.js';

/** What a manifest holds, for the JSON Schema: no plugin module is imported. */
export function manifestSchemaSource(manifest: PluginManifest, draft: JsonSchemaDraft): SchemaSource {
  const plugins = manifest.plugins.map((plugin) => schemaPlugin(plugin, draft));
  const exclusiveKinds = new Set(
    Object.entries(manifest.kinds)
      .filter(([, options]) => options.exclusive)
      .map(([kind]) => kind),
  );
  const kinds = Object.entries(manifest.kinds);
  const kindDefaults = new Map(
    kinds.flatMap(([kind, settings]) => (settings.default === undefined ? [] : [[kind, settings.default] as const])),
  );
  const requiredKinds = new Set(kinds.filter(([, settings]) => settings.required === true).map(([kind]) => kind));
  return { plugins, exclusiveKinds, kindDefaults, requiredKinds, deprecations: manifest.deprecations };
}

/** The plugins whose options schema the manifest does not hold (it was written by an older plugboard). */
export function pluginsLackingJsonSchema(manifest: PluginManifest): string[] {
  return manifest.plugins
    .filter((plugin) => plugin.hasSchema && plugin.optionsJsonSchema === undefined)
    .map((plugin) => plugin.alias);
}

function schemaPlugin(plugin: ManifestPlugin, draft: JsonSchemaDraft): SchemaPlugin {
  const recorded = plugin.optionsJsonSchema;
  return {
    alias: plugin.alias,
    kind: plugin.kind,
    description: plugin.description,
    recommendedWhen: plugin.recommendedWhen,
    params: plugin.params,
    optionKeys: plugin.optionKeys,
    // A manifest entry's other known keys are checked once its module is loaded.
    knownKeys: plugin.optionKeys,
    singleton: plugin.scope === 'singleton',
    requires: plugin.requires,
    incompatibleWith: plugin.incompatibleWith,
    schema:
      recorded === undefined
        ? plugin.hasSchema
          ? {
              described: false,
              vendor: 'unknown',
              reason: 'the manifest does not hold its JSON Schema (write it again)',
            }
          : undefined
        : 'unavailable' in recorded
          ? { described: false, vendor: 'unknown', reason: recorded.unavailable }
          : { described: true, schema: structuredClone(recorded[draft]) },
  };
}
