import path from 'node:path';
import { readOptions } from './discovery-arguments.js';
import type { DiscoveryReport } from './discovery-report.js';
import { DEFAULT_REGISTRY_NAME, noPluginHints } from './no-plugin-hints.js';
import { PluginDiscoveryError } from './plugin-discovery-error.js';
import { findPluginPackages } from './find-plugin-packages.js';
import { importPluginModules } from './import-plugin-modules.js';
import { readPluginHost, type PluginHost } from '../registry/plugin-host.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import { pluginsRegistry } from '../registry/plugins-registry.js';
import { internals } from '../registry/registry-internals.js';

/** Which project's dependencies `discoverPackages` searches, and what it registers into. */
export interface PackageDiscoveryOptions {
  /** The project folder, whose package.json lists the dependencies. Default `process.cwd()`. */
  cwd?: string;
  /**
   * The registry the plugin modules register into (default `pluginsRegistry`); see `discover`. Its `host`, if it
   * has one, is what plugin packages' host ranges are checked against.
   */
  registry?: PluginRegistry;
  /**
   * Load plugin packages whose declared host range excludes the registry host's version too. Default false:
   * such a package is skipped without importing it and reported with a PluginIncompatibleError.
   */
  allowIncompatible?: boolean;
  /**
   * The host to check plugin packages' ranges against, instead of the registry's `host`: for a program whose
   * plugins register into `pluginsRegistry`, which is created without one. Default: the registry's `host`.
   */
  host?: PluginHost;
}

/**
 * Finds the project's dependencies (`dependencies`, `devDependencies`, `optionalDependencies`), as Node resolves
 * them from the project (npm, pnpm, Yarn with node_modules, or Yarn Plug'n'Play when run under it), whose
 * package.json declares plugin modules, `"plugboard": { "plugins": ["./dist/plugins/*.js"] }`, and imports those
 * modules as `discover` does. A package whose field is malformed or points outside the package is refused
 * (nothing of it is imported) and reported with a PluginDiscoveryError, as is a runtime dependency that cannot
 * be found; a package made for other versions of the registry's `host` is skipped and reported with a
 * PluginIncompatibleError. The other packages are still imported.
 * Throws PluginDiscoveryError if `options` are not what this says.
 *
 * @example
 * const report = await discoverPackages();
 * report.modules.map((m) => m.module); // ['plugboard-plugin-tpu/plugins/tpu.js']
 */
export async function discoverPackages(options: PackageDiscoveryOptions = {}): Promise<DiscoveryReport> {
  const given = readOptions<PackageDiscoveryOptions>(
    'discoverPackages(options)',
    options,
    { cwd: 'folder', registry: 'registry', allowIncompatible: 'boolean', host: 'object' },
    (message) => new PluginDiscoveryError(message, ''),
  );
  const registry = given.registry ?? pluginsRegistry;
  const { packages, problems } = await findPluginPackages(path.resolve(given.cwd ?? '.'), {
    host: readPluginHost(given.host, 'discoverPackages(options)') ?? internals(registry).host,
    allowIncompatible: given.allowIncompatible,
  });
  for (const problem of problems) internals(registry).recordLoadError(problem.module, problem.error);
  const { modules, errors } = await importPluginModules(
    packages.flatMap((pkg) => pkg.modules),
    registry,
  );
  return {
    sources: packages.map((pkg) => ({
      cwd: pkg.dir,
      patterns: pkg.patterns,
      package: { name: pkg.name, version: pkg.version },
    })),
    modules,
    errors: [...problems, ...errors],
    warnings: noPluginHints(
      modules,
      given.registry ? 'the registry given to discoverPackages()' : DEFAULT_REGISTRY_NAME,
    ),
  };
}
