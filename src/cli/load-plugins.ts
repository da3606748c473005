import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CliIo } from './cli-io.js';
import type { SourceOptions } from './source-options.js';
import { checkManifest, type ManifestCheck } from '../discovery/check-manifest.js';
import { discover } from '../discovery/discover.js';
import { discoverPackages } from '../discovery/discover-packages.js';
import type { DiscoveryReport } from '../discovery/discovery-report.js';
import { loadManifest, type LoadedManifest } from '../discovery/load-manifest.js';
import { PluginDiscoveryError } from '../discovery/plugin-discovery-error.js';
import { MAX_MANIFEST_BYTES, readBoundedFile } from '../discovery/read-bounded-file.js';
import { readPluginPatterns } from '../discovery/read-plugin-patterns.js';
import { isInside } from '../discovery/real-path-inside.js';
import type { ManifestPlugin } from '../discovery/plugin-manifest.js';
import { normalizeAlias } from '../registry/alias.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import { pluginsRegistry } from '../registry/plugins-registry.js';
import { quote } from '../internal/quote.js';

/** The plugins the command found, and where they came from. */
export interface LoadedPlugins {
  /** The default registry: plugin modules register into it. */
  readonly registry: PluginRegistry;
  /** What `discover` and `discoverPackages` imported. */
  readonly reports: readonly DiscoveryReport[];
  /** The manifest given with `--manifest`, registered lazily. */
  readonly manifest: LoadedManifest | undefined;
  /** Whether that manifest is fresh. */
  readonly manifestCheck: ManifestCheck | undefined;
  /** The module of each plugin (by normalised alias), as messages name it. */
  readonly modules: ReadonlyMap<string, string>;
  /** The manifest's record of each plugin (by normalised alias). */
  readonly manifestPlugins: ReadonlyMap<string, ManifestPlugin>;
  /** The patterns used, from `--plugins` or package.json, relative to `root`. */
  readonly patterns: readonly string[] | undefined;
  /** The folder patterns are relative to and plugin modules must be inside. */
  readonly root: string;
  /** True if the project's dependencies were searched for plugin packages. */
  readonly searchedPackages: boolean;
}

/**
 * Registers the plugins the options point to: a `--manifest` (lazily, importing no plugin module), the modules
 * matching `--plugins` (or the package.json `"plugboard"` field when neither is given), and the plugin packages
 * among the project's dependencies (unless `--no-packages` or `--manifest`, which already holds them).
 * With `useManifest` false the manifest is ignored: `manifest` and `doctor` look at the plugin files themselves.
 */
export async function loadPlugins(options: SourceOptions, io: CliIo, useManifest = true): Promise<LoadedPlugins> {
  const registry = pluginsRegistry;
  const root = path.resolve(io.cwd, options.root ?? '.');
  const manifestFile =
    useManifest && options.manifest !== undefined ? path.resolve(io.cwd, options.manifest) : undefined;
  const manifestRoot = manifestFile === undefined ? root : rootOfManifest(manifestFile, root);
  const manifest =
    manifestFile === undefined ? undefined : loadManifest(manifestFile, { registry, root: manifestRoot });
  const manifestCheck =
    manifestFile === undefined ? undefined : await checkManifest(manifestFile, { root: manifestRoot });
  const patterns = options.plugins ?? (manifest ? undefined : projectPatterns(io.cwd));
  const reports: DiscoveryReport[] = [];
  if (patterns !== undefined) reports.push(await discover(patterns, { cwd: root, root, registry }));
  const searchedPackages = options.packages && !manifest && existsSync(path.join(io.cwd, 'package.json'));
  if (searchedPackages) reports.push(await discoverPackages({ cwd: io.cwd, registry }));
  const modules = new Map<string, string>();
  const manifestPlugins = new Map<string, ManifestPlugin>();
  for (const plugin of manifest?.manifest.plugins ?? []) {
    modules.set(normalizeAlias(plugin.alias), plugin.module);
    manifestPlugins.set(normalizeAlias(plugin.alias), plugin);
  }
  for (const module of reports.flatMap((report) => report.modules)) {
    for (const { alias } of module.plugins) modules.set(normalizeAlias(alias), module.module);
  }
  return { registry, reports, manifest, manifestCheck, modules, manifestPlugins, patterns, root, searchedPackages };
}

/**
 * The folder a manifest's modules must be inside: `--root` (default: the project folder) when the manifest lies in
 * it, so that a manifest in `build/` may name modules in `dist/`; else the manifest's own folder.
 */
export function rootOfManifest(manifestFile: string, root: string): string {
  return isInside(root, manifestFile) ? root : path.dirname(manifestFile);
}

/** The patterns of the project's own package.json `"plugboard"` field, if it has one. */
function projectPatterns(cwd: string): string[] | undefined {
  const file = path.join(cwd, 'package.json');
  if (!existsSync(file)) return undefined;
  const read = readBoundedFile(file, MAX_MANIFEST_BYTES);
  let manifest: unknown;
  try {
    if ('problem' in read) throw new Error(read.problem);
    manifest = JSON.parse(read.text);
  } catch {
    // The parser's message quotes the file, which the command would print: name the file instead.
    throw new PluginDiscoveryError(
      `Cannot read ${quote(file)}: it is not a readable JSON file of at most 16 MiB. Fix it, or pass --plugins.`,
      file,
    );
  }
  const field =
    typeof manifest === 'object' && manifest !== null ? (manifest as { plugboard?: unknown }).plugboard : undefined;
  return field === undefined ? undefined : readPluginPatterns(field, 'this project', file);
}
