import type { JsonSchemaDraft } from '../registry/json-schema-of.js';
import { assertKindDefaults } from './assert-kind-defaults.js';
import { manifestSchemaSource } from './manifest-schema-source.js';
import { registrySchemaSource } from './registry-schema-source.js';
import type { SchemaSource } from './schema-plugin.js';
import { selectionSchemaDefs } from './selection-schema-defs.js';
import type { PluginManifest } from '../discovery/plugin-manifest.js';
import { PluginRegistry } from '../registry/plugin-registry.js';
import { PluginSelectionError } from '../errors/plugin-selection-error.js';
import { quote } from '../internal/quote.js';
import { describeValue } from '../registry/alias.js';
import { readOptions } from '../discovery/discovery-arguments.js';
import { assertManifest } from '../discovery/read-manifest.js';
import { PluginManifestError } from '../discovery/plugin-manifest-error.js';
import { errorText } from '../internal/error-text.js';

/** What `pluginsJsonSchema` writes. */
export interface PluginsJsonSchemaOptions {
  /** The JSON Schema draft: `'2020-12'` (default) or `'07'` (which cannot say "one plugin per exclusive kind"). */
  draft?: JsonSchemaDraft;
  /** Only plugins of these kinds (for a config key that takes one kind): other aliases are refused. */
  kind?: string | readonly string[];
  /**
   * A schema for a whole config file, an object whose `configKey` holds the selection and whose other keys are
   * the framework's (left open), rather than for the `plugins` value alone. Default false.
   */
  config?: boolean;
  /** The config file's key for the selection, with `config`. Default `'plugins'`, as `readPluginsOption`. */
  configKey?: string;
}

const META = {
  '2020-12': 'https://json-schema.org/draft/2020-12/schema',
  '07': 'http://json-schema.org/draft-07/schema#',
} as const;

/**
 * A JSON Schema of a `plugins` value (a selection text such as `'ddp(workers=4), bf16-mixed'`, one
 * `{ "alias": ..., "options": {...} }`, or an array of texts and such objects) for the plugins `source` holds:
 * aliases with their descriptions, each plugin's options (from its schema through Standard JSON Schema, else
 * from `optionKeys` and its params), and at most one plugin per exclusive kind. Editors complete and check
 * config files with it; CI validates them with any JSON Schema validator.
 *
 * `source` is a registry (plugins known only from a manifest have their module imported, for their schema)
 * or a manifest written by `plugboard manifest` (nothing is imported). Throws PluginSelectionError for an
 * unknown draft or a kind no plugin has, and UnknownPluginError for a kind whose default is not a plugin of
 * that kind (every selection without one would fail).
 *
 * @example
 * const schema = pluginsJsonSchema(registry, { config: true });
 * writeFileSync('plugins.schema.json', `${JSON.stringify(schema, null, 2)}\n`);
 * // in the config file: { "$schema": "./plugins.schema.json", "plugins": ["ddp(workers=4)", "bf16-mixed"] }
 */
export function pluginsJsonSchema(
  source: PluginRegistry | PluginManifest,
  options: PluginsJsonSchemaOptions = {},
): Record<string, unknown> {
  options = readOptions<PluginsJsonSchemaOptions>(
    'pluginsJsonSchema(source, options)',
    options,
    { draft: 'string', kind: 'strings', config: 'boolean', configKey: 'string' },
    (message) => new PluginSelectionError(message),
  );
  const draft = options.draft ?? '2020-12';
  if (!Object.hasOwn(META, draft)) {
    throw new PluginSelectionError(`Unknown JSON Schema draft ${quote(draft)}: use "2020-12" or "07".`);
  }
  const all = isRegistry(source) ? registrySchemaSource(source, draft) : fromManifest(source, draft);
  assertKindDefaults(all);
  const defs = selectionSchemaDefs(onlyKinds(all, options.kind), draft);
  const defsKey = draft === '07' ? 'definitions' : '$defs';
  const plugins = { $ref: `#/${defsKey}/plugboard.plugins` };
  const configKey = options.configKey ?? 'plugins';
  const root =
    options.config === true
      ? {
          title: 'Config file with a plugins selection',
          type: 'object',
          properties: { $schema: { type: 'string' }, [configKey]: plugins },
        }
      : { title: 'plugins selection', ...(draft === '07' ? { allOf: [plugins] } : plugins) };
  return { $schema: META[draft], ...root, [defsKey]: defs };
}

function fromManifest(manifest: unknown, draft: JsonSchemaDraft): SchemaSource {
  let shaped: boolean;
  try {
    const { plugins, kinds, deprecations } = (typeof manifest === 'object' && manifest !== null ? manifest : {}) as {
      plugins?: unknown;
      kinds?: unknown;
      deprecations?: unknown;
    };
    shaped = Array.isArray(plugins) && typeof kinds === 'object' && kinds !== null && Array.isArray(deprecations);
  } catch {
    shaped = true; // a getter or Proxy trap that throws: manifestProblems says so
  }
  if (!shaped) {
    throw new PluginSelectionError(
      `pluginsJsonSchema takes a PluginRegistry or a manifest (readManifest), got ${describeValue(manifest)}.`,
    );
  }
  // The checks readManifest applies, with its error: a malformed manifest object is refused before it is read.
  assertManifest(manifest, MANIFEST_OBJECT);
  try {
    return manifestSchemaSource(manifest, draft);
  } catch (error) {
    // A getter or Proxy trap that answers differently the second time it is read.
    throw new PluginManifestError(`${quote(MANIFEST_OBJECT)} cannot be read: ${errorText(error)}`, MANIFEST_OBJECT, [
      `cannot be read: ${errorText(error)}`,
    ]);
  }
}

const MANIFEST_OBJECT = 'the manifest given to pluginsJsonSchema';

/** A PluginRegistry; false (not a raw error) for a Proxy whose traps throw. */
function isRegistry(source: unknown): source is PluginRegistry {
  try {
    return source instanceof PluginRegistry;
  } catch {
    return false;
  }
}

function onlyKinds(source: SchemaSource, kind: string | readonly string[] | undefined): SchemaSource {
  if (kind === undefined) return source;
  const kinds: readonly string[] = typeof kind === 'string' ? [kind] : kind;
  const known = new Set(source.plugins.map((plugin) => plugin.kind));
  const missing = kinds.filter((name) => !known.has(name));
  if (missing.length > 0) {
    throw new PluginSelectionError(
      `No plugin of kind ${missing.map((name) => quote(name)).join(', ')}. Kinds: ${[...known].sort().join(', ') || '(none)'}.`,
    );
  }
  // A key that takes some kinds holds part of a selection: rules between plugins and kinds are not expressed.
  return {
    ...source,
    plugins: source.plugins
      .filter((plugin) => kinds.includes(plugin.kind))
      .map((plugin) => ({ ...plugin, requires: undefined, incompatibleWith: undefined })),
    kindDefaults: new Map(),
    requiredKinds: new Set(),
  };
}
