import path from 'node:path';
import { readOptions, readReports } from './discovery-arguments.js';
import type { DiscoveryFailure, DiscoveryReport } from './discovery-report.js';
import { fingerprintFileSync } from './fingerprint-file.js';
import { jsonProblems } from './json-problems.js';
import { MAX_LISTED_PROBLEMS } from './manifest-problems.js';
import { plugboardVersion } from './plugboard-version.js';
import {
  MANIFEST_VERSION,
  type ManifestFile,
  type ManifestJsonSchema,
  type ManifestKind,
  type ManifestPlugin,
  type PluginManifest,
} from './plugin-manifest.js';
import { PluginManifestError } from './plugin-manifest-error.js';
import { manifestPath } from './read-manifest.js';
import { realPathOf } from './real-path-inside.js';
import { relativePath } from './relative-path.js';
import { normalizeAlias } from '../registry/alias.js';
import type { KindSettings } from '../registry/kind-settings.js';
import type { PluginEntry } from '../registry/plugin-entry.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import { pluginsRegistry } from '../registry/plugins-registry.js';
import { errorText } from '../internal/error-text.js';
import { plural } from '../internal/plural.js';
import { quote, truncate } from '../internal/quote.js';
import type { StandardSchemaV1 } from '../registry/standard-schema.js';
import { jsonSchemaOf } from '../registry/json-schema-of.js';
import { internals } from '../registry/registry-internals.js';

/** What `writeManifest` needs besides the discovery reports. */
export interface ManifestOptions {
  /** The registry the discovered modules registered into. Default `pluginsRegistry`. */
  registry?: PluginRegistry;
  /** The command that writes the manifest again, named when it is stale. Default `npx plugboard manifest`. */
  refresh?: string;
  /** The project folder `discoverPackages` searched, so that a check notices plugin packages installed since. */
  packagesOf?: string;
}

/**
 * The manifest of the plugins that `reports` discovered, for a manifest file at `file` (module paths are
 * relative to it). Throws PluginManifestError if a module failed to load (the manifest would lack its plugins)
 * or a plugin's params are not JSON.
 */
export async function createManifest(
  file: string,
  reports: DiscoveryReport | readonly DiscoveryReport[],
  options: ManifestOptions = {},
): Promise<PluginManifest> {
  const where = manifestPath(file);
  const refuse = (message: string): PluginManifestError => new PluginManifestError(message, where);
  const all = readReports<DiscoveryReport>('writeManifest(file, reports, options)', reports, refuse);
  const given = readOptions<ManifestOptions>(
    'writeManifest(file, reports, options)',
    options,
    { registry: 'registry', refresh: 'string', packagesOf: 'folder' },
    refuse,
  );
  // Module paths are made relative to the real folder, as discovery reports real paths.
  const dir = await realPathOf(path.dirname(where));
  const registry = given.registry ?? pluginsRegistry;
  const failed = all.flatMap((report) => report.errors);
  if (failed.length > 0) throw failedModulesError(where, failed);
  const plugins: ManifestPlugin[] = [];
  const problems: string[] = [];
  const files: Record<string, ManifestFile> = {};
  const seen = new Set<string>();
  for (const module of all.flatMap((report) => report.modules)) {
    const modulePath = relativePath(dir, module.file);
    files[modulePath] = fingerprintFileSync(module.file);
    for (const { alias, exportName } of module.plugins) {
      const entry = registry.find(alias);
      if (!entry || seen.has(normalizeAlias(alias))) continue;
      seen.add(normalizeAlias(alias));
      if (hasParams(entry)) problems.push(...jsonProblems(entry.params, `plugin ${quote(alias)}: params`));
      plugins.push(manifestPlugin(entry, modulePath, exportName));
    }
  }
  if (problems.length > 0) {
    throw new PluginManifestError(
      `Cannot write ${quote(where)}: a manifest holds plugin params as JSON, and these are not:\n` +
        `${listed(problems)}\n` +
        'Use plain objects, arrays, strings, finite numbers, booleans and null in params, or leave the plugin out of the manifest.',
      where,
      problems,
    );
  }
  plugins.sort((a, b) => compare(normalizeAlias(a.alias), normalizeAlias(b.alias)));
  const aliases = new Set(plugins.map((plugin) => normalizeAlias(plugin.alias)));
  const kinds = Object.fromEntries(
    [...new Set(plugins.map((plugin) => plugin.kind))]
      .sort()
      .map((kind): [string, ManifestKind] => [kind, manifestKind(internals(registry).kindOptions(kind))])
      .filter(([, kind]) => kind.exclusive || kind.default !== undefined || kind.required === true),
  );
  const deprecations = registry
    .deprecations()
    .filter((deprecation) => aliases.has(normalizeAlias(deprecation.successor)))
    .map(({ alias, successor, message }) => ({ alias, successor, ...(message === undefined ? {} : { message }) }));
  return {
    manifestVersion: MANIFEST_VERSION,
    generator: { name: 'plugboard', version: plugboardVersion() },
    refresh: given.refresh ?? 'npx plugboard manifest',
    sources: all
      .flatMap((report) => report.sources)
      .map((source) => ({
        cwd: relativePath(dir, source.cwd) || '.',
        patterns: [...source.patterns],
        ...(source.package === undefined ? {} : { package: source.package.name }),
      })),
    ...(given.packagesOf === undefined ? {} : { packagesOf: relativePath(dir, path.resolve(given.packagesOf)) || '.' }),
    files: Object.fromEntries(Object.entries(files).sort(([a], [b]) => compare(a, b))),
    kinds,
    deprecations,
    plugins,
  };
}

/** What the manifest holds of one plugin: its registration without the schema and predicate, and its module. */
function manifestPlugin(entry: PluginEntry, module: string, exportName: string | undefined): ManifestPlugin {
  return {
    alias: entry.alias,
    kind: entry.kind,
    ...(entry.description === undefined ? {} : { description: entry.description }),
    ...(entry.recommendedWhen === undefined ? {} : { recommendedWhen: entry.recommendedWhen }),
    ...(hasParams(entry) ? { params: entry.params } : {}),
    scope: entry.scope,
    ...(entry.optionKeys === undefined ? {} : { optionKeys: [...entry.optionKeys] }),
    ...(entry.allowUnknownOptions ? { allowUnknownOptions: true } : {}),
    ...(entry.secretOptions === undefined ? {} : { secretOptions: [...entry.secretOptions] }),
    module,
    ...(exportName === undefined ? {} : { exportName }),
    className: entry.target.name,
    hasSchema: entry.schema !== undefined,
    ...(entry.schema === undefined ? {} : { optionsJsonSchema: manifestJsonSchema(entry.schema) }),
    hasRecommend: entry.recommend !== undefined,
    ...(entry.requires === undefined ? {} : { requires: entry.requires }),
    ...(entry.incompatibleWith === undefined ? {} : { incompatibleWith: entry.incompatibleWith }),
    ...(entry.check === undefined ? {} : { hasCheck: true }),
    ...(entry.order === undefined ? {} : { order: entry.order }),
    ...(entry.before === undefined ? {} : { before: entry.before }),
    ...(entry.after === undefined ? {} : { after: entry.after }),
  };
}

/** A kind's settings as the manifest holds them: `exclusive`, and `default`/`required` when set. */
function manifestKind(settings: KindSettings): ManifestKind {
  return {
    exclusive: settings.exclusive,
    ...(settings.default === undefined ? {} : { default: settings.default }),
    ...(settings.required ? { required: true } : {}),
  };
}

/** The schema's JSON Schema in both drafts `plugboard schema` writes, or why it has none. */
function manifestJsonSchema(schema: StandardSchemaV1): ManifestJsonSchema {
  const latest = jsonSchemaOf(schema, '2020-12');
  const draft07 = jsonSchemaOf(schema, '07');
  if (!latest.described) return { unavailable: latest.reason };
  if (!draft07.described) return { unavailable: draft07.reason };
  return { '2020-12': latest.schema, '07': draft07.schema };
}

function failedModulesError(file: string, failed: readonly DiscoveryFailure[]): PluginManifestError {
  const problems = failed.map(
    ({ module, error }) => `${truncate(module)}: ${truncate(errorText(error, [path.dirname(file)]))}`,
  );
  return new PluginManifestError(
    `Cannot write ${quote(file)}: ${plural(failed.length, 'plugin module')} failed to load, and the manifest would ` +
      `lack their plugins:\n${listed(problems)}\n` +
      'Fix them ("plugboard doctor" shows why), then write it again.',
    file,
    problems,
  );
}

/** The first problems, one per line, and how many more there are. */
function listed(problems: readonly string[]): string {
  const lines = problems.slice(0, MAX_LISTED_PROBLEMS).map((problem) => `  ${problem}`);
  if (problems.length > lines.length) lines.push(`  and ${String(problems.length - lines.length)} more`);
  return lines.join('\n');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** False for a plugin registered without params (its `params` are `{}`): the manifest leaves them out. */
function hasParams(entry: PluginEntry): boolean {
  const { params } = entry as { params: unknown };
  return !(typeof params === 'object' && params !== null && !Array.isArray(params) && Object.keys(params).length === 0);
}
