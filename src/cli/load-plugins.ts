import { fs } from '../internal/builtins.js';
import path from 'node:path';
import type { CliIo } from './cli-io.js';
import { loadRegistry } from './load-registry.js';
import { readProjectConfig } from './project-config.js';
import type { SourceOptions } from './source-options.js';
import { namesTypeScript, useTypeScriptLoader } from './typescript-loader.js';
import type { ManifestCheck } from '../discovery/check-manifest.js';
import type { DiscoveryReport } from '../discovery/discovery-report.js';
import { DEFAULT_REGISTRY_NAME } from '../discovery/no-plugin-hints.js';
import { loadCheckedManifest } from '../discovery/load-checked-manifest.js';
import type { LoadedManifest } from '../discovery/load-manifest.js';
import { isInside } from '../discovery/real-path-inside.js';
import type { ManifestPlugin } from '../discovery/plugin-manifest.js';
import { normalizeAlias } from '../registry/alias.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import { pluginsRegistry } from '../registry/plugins-registry.js';

/** The plugins the command found, and where they came from. */
export interface LoadedPlugins {
  /** The registry inspected: `--registry`'s, the package.json field's, or `pluginsRegistry`. */
  readonly registry: PluginRegistry;
  /** The registry spec as given (`--registry` or package.json), if not the default registry. */
  readonly registrySpec: string | undefined;
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

/** Plugin modules to import when neither `--plugins` nor package.json names any: a manifest's recorded sources. */
export interface FallbackSource {
  /** The folder the patterns are relative to (absolute). */
  readonly cwd: string;
  readonly patterns: readonly string[];
}

/**
 * Loads the registry to inspect (`--registry`, else the package.json field's, else `pluginsRegistry`), then
 * registers into it the plugins the options point to: a `--manifest` (lazily, importing no plugin module), the modules
 * matching `--plugins` (or the package.json `"plugboard"` field when neither is given), and the plugin packages
 * among the project's dependencies (unless `--no-packages` or `--manifest`, which already holds them).
 * With `useManifest` false the manifest is ignored: `manifest` and `doctor` look at the plugin files themselves.
 * `fallback` sources are imported when no `--plugins`, package.json patterns or manifest say where plugins are.
 */
export async function loadPlugins(
  options: SourceOptions,
  io: CliIo,
  useManifest = true,
  fallback: readonly FallbackSource[] = [],
): Promise<LoadedPlugins> {
  const config = readProjectConfig(io.cwd);
  const registrySpec = options.registry ?? config.registry;
  const registry =
    registrySpec === undefined
      ? pluginsRegistry
      : await loadRegistry(
          { spec: registrySpec, from: options.registry === undefined ? '"plugboard": { "registry" }' : '--registry' },
          io.cwd,
          config.tsconfig,
        );
  const root = path.resolve(io.cwd, options.root ?? '.');
  const manifestFile =
    useManifest && options.manifest !== undefined ? path.resolve(io.cwd, options.manifest) : undefined;
  // Read once: registered lazily, and checked for freshness.
  const read =
    manifestFile === undefined
      ? undefined
      : await loadCheckedManifest(manifestFile, { registry, root: rootOfManifest(manifestFile, root) });
  const manifest = read?.loaded;
  const manifestCheck = read?.check;
  const patterns = options.plugins ?? (manifest ? undefined : config.plugins);
  const sources = patterns !== undefined ? [{ cwd: root, patterns }] : manifest ? [] : fallback;
  const typescript = sources.flatMap((source) => source.patterns).find(namesTypeScript);
  if (typescript !== undefined) await useTypeScriptLoader(io.cwd, typescript, config.tsconfig);
  const reports: DiscoveryReport[] = [];
  // Imported when used: a listing from a manifest imports no plugin module and needs neither.
  if (sources.length > 0) {
    const { discover } = await import('../discovery/discover.js');
    for (const source of sources) reports.push(await discover(source.patterns, { cwd: source.cwd, root, registry }));
  }
  const searchedPackages = options.packages && !manifest && fs.existsSync(path.join(io.cwd, 'package.json'));
  if (searchedPackages) {
    const { discoverPackages } = await import('../discovery/discover-packages.js');
    reports.push(
      await discoverPackages({ cwd: io.cwd, registry, allowIncompatible: options.allowIncompatible === true }),
    );
  }
  const modules = new Map<string, string>();
  const manifestPlugins = new Map<string, ManifestPlugin>();
  for (const plugin of manifest?.manifest.plugins ?? []) {
    const key = normalizeAlias(plugin.alias);
    modules.set(key, plugin.module);
    manifestPlugins.set(key, plugin);
  }
  for (const module of reports.flatMap((report) => report.modules)) {
    for (const { alias } of module.plugins) modules.set(normalizeAlias(alias), module.module);
  }
  return {
    registry,
    registrySpec,
    reports,
    manifest,
    manifestCheck,
    modules,
    manifestPlugins,
    patterns,
    root,
    searchedPackages,
  };
}

/**
 * The folder a manifest's modules must be inside: `--root` (default: the project folder) when the manifest lies in
 * it, so that a manifest in `build/` may name modules in `dist/`; else the manifest's own folder.
 */
export function rootOfManifest(manifestFile: string, root: string): string {
  return isInside(root, manifestFile) ? root : path.dirname(manifestFile);
}

/** How messages name the registry the command inspects: its `--registry` spec, or the default one. */
export function registryName(plugins: LoadedPlugins): string {
  return plugins.registrySpec ?? DEFAULT_REGISTRY_NAME;
}
