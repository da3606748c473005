import type { JsonSchemaDraft } from '../registry/json-schema-of.js';
import { combineKnownKeys, jsonSchemaKeys } from '../registry/option-key-table.js';
import { isPlainObject } from '../internal/options.js';
import type { SchemaPlugin, SchemaSource } from './schema-plugin.js';
import type { ManifestPlugin, PluginManifest } from '../discovery/plugin-manifest.js';

/** What a manifest holds, for the JSON Schema: no plugin module is imported. */
export function manifestSchemaSource(manifest: PluginManifest, draft: JsonSchemaDraft): SchemaSource {
  const paramKeys = paramKeysByClass(manifest.plugins);
  const plugins = manifest.plugins.map((plugin) =>
    schemaPlugin(plugin, draft, paramKeys.get(classOf(plugin)) ?? new Set()),
  );
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

/** The class a manifest plugin registers, as its module and export name it: its variants share their params' keys. */
function classOf(plugin: ManifestPlugin): string {
  return `${plugin.module}\0${plugin.exportName ?? plugin.className}`;
}

function paramKeysByClass(plugins: readonly ManifestPlugin[]): Map<string, Set<string>> {
  const byClass = new Map<string, Set<string>>();
  for (const plugin of plugins) {
    if (!isPlainObject(plugin.params)) continue;
    const keys = byClass.get(classOf(plugin)) ?? new Set<string>();
    for (const key of Object.keys(plugin.params)) keys.add(key);
    byClass.set(classOf(plugin), keys);
  }
  return byClass;
}

/** The option keys a selection may give `plugin`, as plugboard judges them once its module is loaded. */
function knownKeys(plugin: ManifestPlugin, paramKeys: ReadonlySet<string>): readonly string[] | undefined {
  const recorded = plugin.optionsJsonSchema;
  const described = recorded !== undefined && !('unavailable' in recorded) ? recorded['2020-12'] : undefined;
  const known = combineKnownKeys({
    optionKeys: plugin.optionKeys,
    schema: plugin.hasSchema ? (described ? jsonSchemaKeys(described) : { unlisted: true }) : undefined,
    paramKeys: plugin.secretOptions ? [...paramKeys, ...plugin.secretOptions] : paramKeys,
    allowUnknownOptions: plugin.allowUnknownOptions === true,
  });
  return known.others === 'refused' ? known.keys : undefined;
}

function schemaPlugin(plugin: ManifestPlugin, draft: JsonSchemaDraft, paramKeys: ReadonlySet<string>): SchemaPlugin {
  const recorded = plugin.optionsJsonSchema;
  return {
    alias: plugin.alias,
    kind: plugin.kind,
    description: plugin.description,
    recommendedWhen: plugin.recommendedWhen,
    params: plugin.params,
    optionKeys: plugin.optionKeys,
    knownKeys: knownKeys(plugin, paramKeys),
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
