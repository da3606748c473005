import path from 'node:path';
import { readOptions, readPatterns } from './discovery-arguments.js';
import type { DiscoveryReport } from './discovery-report.js';
import { globFiles } from './glob-files.js';
import { importPluginModules, type ModuleToImport } from './import-plugin-modules.js';
import { DEFAULT_REGISTRY_NAME, noPluginHints } from './no-plugin-hints.js';
import { PluginDiscoveryError } from './plugin-discovery-error.js';
import { realPathInside, realPathOf } from './real-path-inside.js';
import { relativePath } from './relative-path.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import { pluginsRegistry } from '../registry/plugins-registry.js';
import { quote } from '../internal/quote.js';

/** Where `discover` looks and what it registers into. */
export interface DiscoveryOptions {
  /** The folder the patterns are relative to. Default `root`, or `process.cwd()`. */
  cwd?: string;
  /** The folder plugin files must be inside, after resolving symlinks. Default `cwd`, or `process.cwd()`. */
  root?: string;
  /**
   * The registry the plugin modules register into (default `pluginsRegistry`), used to tell which module
   * registered which plugin and to record import errors.
   */
  registry?: PluginRegistry;
}

/**
 * Imports the plugin modules that match `patterns` (globs such as `'dist/plugins/*.js'`), one after another in
 * path order, so that their `@RegisterPlugin` decorators and `registerPlugin` calls run. A module that fails to
 * import is recorded (`registry.loadErrors()`) and reported; the others are imported all the same.
 * Throws PluginDiscoveryError, importing nothing, if a matched file lies outside `root` after resolving symlinks,
 * or if `patterns` or `options` are not what this says (`discover([42])`).
 *
 * @example
 * const report = await discover(['dist/plugins/*.js']);
 * for (const failure of report.errors) console.warn(`${failure.module}: ${String(failure.error)}`);
 */
export async function discover(
  patterns: string | readonly string[],
  options: DiscoveryOptions = {},
): Promise<DiscoveryReport> {
  const refuse = (message: string): PluginDiscoveryError => new PluginDiscoveryError(message, '');
  const list = readPatterns('discover(patterns, options)', patterns, refuse);
  const given = readOptions<DiscoveryOptions>(
    'discover(patterns, options)',
    options,
    { cwd: 'folder', root: 'folder', registry: 'registry' },
    refuse,
  );
  const cwd = await realPathOf(path.resolve(given.cwd ?? given.root ?? '.'));
  const root = path.resolve(given.root ?? cwd);
  const registry = given.registry ?? pluginsRegistry;
  const files = await globFiles(cwd, list);
  const modules = new Map<string, ModuleToImport>();
  for (const file of files) {
    const real = await realPathInside(file, root);
    if (real === undefined) {
      throw new PluginDiscoveryError(
        `Plugin module ${quote(file)} is outside the folder plugins may be loaded from (${quote(root)}); ` +
          'nothing was imported. Move the file into that folder, or pass a root that contains it.',
        file,
        root,
      );
    }
    // A module reached twice (through a symlink inside the root) is imported once.
    if (!modules.has(real)) modules.set(real, { file: real, module: relativePath(cwd, file) });
  }
  const { modules: imported, errors } = await importPluginModules([...modules.values()], registry);
  const registryName = given.registry ? 'the registry given to discover()' : DEFAULT_REGISTRY_NAME;
  return {
    sources: [{ cwd, patterns: list }],
    modules: imported,
    errors,
    warnings: noPluginHints(imported, registryName),
  };
}
