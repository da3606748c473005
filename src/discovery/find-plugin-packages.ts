import path from 'node:path';
import type { DiscoveryFailure } from './discovery-report.js';
import { checkHostRange } from './check-host-range.js';
import { globFiles } from './glob-files.js';
import { locatePackage } from './locate-package.js';
import { PluginDiscoveryError } from './plugin-discovery-error.js';
import { readPluginPatterns } from './read-plugin-patterns.js';
import { realPathInside } from './real-path-inside.js';
import { relativePath } from './relative-path.js';
import { fs, fsPromises } from '../internal/builtins.js';
import { quote } from '../internal/quote.js';
import type { PluginHost } from '../registry/plugin-host.js';

/** An installed package that declares plugin modules in its package.json. */
export interface PluginPackage {
  readonly name: string;
  readonly version: string;
  /** The package's folder, symlinks resolved. */
  readonly dir: string;
  /** The patterns of its `"plugboard": { "plugins": [...] }` field. */
  readonly patterns: readonly string[];
  /** The module files they match (real paths, sorted), each with the name messages use: `package/path`. */
  readonly modules: readonly { readonly file: string; readonly module: string }[];
}

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies'] as const;

/** What `findPluginPackages` checks the packages against. */
export interface PackageSearch {
  /** The host plugins are loaded into; packages whose declared range excludes its version are refused. */
  readonly host?: PluginHost | undefined;
  /** Keep packages whose declared host range excludes the host's version (default false: refuse them). */
  readonly allowIncompatible?: boolean | undefined;
}

/**
 * The project's dependencies (from its package.json), found as Node resolves them from the project, that
 * declare plugin modules, with their module files; and the packages refused, each with its error: a
 * PluginDiscoveryError (a malformed field, an entry that points outside the package, patterns that match no
 * file, a dependency that cannot be found) or a PluginIncompatibleError (a host range that excludes
 * `search.host`). Imports nothing.
 */
export async function findPluginPackages(
  project: string,
  search: PackageSearch = {},
): Promise<{ packages: PluginPackage[]; problems: DiscoveryFailure[] }> {
  const projectDir = path.resolve(project);
  const projectFile = path.join(projectDir, 'package.json');
  const manifest = await readJson(projectFile);
  if (manifest === undefined) {
    throw new PluginDiscoveryError(
      `No readable package.json in ${quote(projectDir)}: plugin packages are found among the dependencies it lists. ` +
        'Run the command in the project folder, or pass the folder that has the package.json.',
      projectDir,
    );
  }
  const names = new Map<string, (typeof DEPENDENCY_FIELDS)[number]>();
  for (const field of DEPENDENCY_FIELDS) {
    const deps = manifest[field];
    if (typeof deps !== 'object' || deps === null) continue;
    for (const name of Object.keys(deps)) if (!names.has(name)) names.set(name, field);
  }
  const packages: PluginPackage[] = [];
  const problems: DiscoveryFailure[] = [];
  const missing: string[] = [];
  for (const [name, field] of [...names].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const dir = locatePackage(projectFile, name);
    if (dir === undefined) {
      // Production installs leave out devDependencies, and optional ones may be absent: only a missing
      // runtime dependency is a problem of its own.
      missing.push(name);
      if (field === 'dependencies')
        problems.push({ module: name, file: projectDir, error: notFound(name, projectDir) });
      continue;
    }
    const pkg = await readJson(path.join(dir, 'package.json'));
    // plugboard's own field configures the command in its checkout (the demo's registry); it ships no plugins.
    if (pkg?.plugboard === undefined || name === 'plugboard') continue;
    try {
      const found = await pluginPackage(name, dir, pkg, search);
      packages.push(found);
    } catch (error) {
      problems.push({ module: name, file: dir, error });
    }
  }
  if (missing.length > 0 && missing.length === names.size && problems.length === 0) {
    problems.push({ module: projectDir, file: projectDir, error: nothingInstalled(projectDir, names.size) });
  }
  return { packages, problems };
}

function notFound(name: string, projectDir: string): PluginDiscoveryError {
  return new PluginDiscoveryError(
    `Dependency ${quote(name)} of ${quote(projectDir)} could not be found from the project, so it was not ` +
      `searched for plugins. ${installHint(projectDir)}`,
    name,
    projectDir,
  );
}

function nothingInstalled(projectDir: string, count: number): PluginDiscoveryError {
  return new PluginDiscoveryError(
    `None of the ${String(count)} dependencies listed in the package.json of ${quote(projectDir)} could be found ` +
      `from the project, so no package was searched for plugins. ${installHint(projectDir)}`,
    projectDir,
    projectDir,
  );
}

/** Why packages may not be found from `projectDir`, and what to do. */
function installHint(projectDir: string): string {
  if (process.versions.pnp === undefined && hasPnpRuntime(projectDir)) {
    return (
      "The project is installed with Yarn Plug'n'Play (it has a .pnp.cjs), whose packages only a process " +
      'running under it can resolve: run the program through Yarn (`yarn node main.js`, `yarn plugboard list`).'
    );
  }
  return "Is it installed? Run your package manager's install in the project.";
}

function hasPnpRuntime(projectDir: string): boolean {
  for (let dir = projectDir; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.pnp.cjs'))) return true;
    if (path.dirname(dir) === dir) return false;
  }
}

async function pluginPackage(
  name: string,
  dir: string,
  pkg: Record<string, unknown>,
  search: PackageSearch,
): Promise<PluginPackage> {
  const patterns = readPluginPatterns(pkg.plugboard, `package ${quote(name)}`, dir);
  const version = typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  if (search.host !== undefined && search.allowIncompatible !== true)
    checkHostRange(name, version, pkg, search.host, dir);
  const realDir = await fsPromises().realpath(dir);
  for (const pattern of patterns) {
    const normal = path.posix.normalize(pattern.replaceAll('\\', '/'));
    if (path.isAbsolute(pattern) || normal === '..' || normal.startsWith('../')) throw outside(name, pattern, realDir);
  }
  const modules = [];
  for (const file of await globFiles(realDir, patterns)) {
    const real = await realPathInside(file, realDir);
    if (real === undefined) throw outside(name, relativePath(realDir, file), realDir);
    modules.push({ file: real, module: `${name}/${relativePath(realDir, file)}` });
  }
  if (modules.length === 0) {
    throw new PluginDiscoveryError(
      `Package ${quote(name)} declares plugin modules ${patterns.map((p) => quote(p)).join(', ')}, but no file matches. ` +
        'Is the package built? Reinstall it, or fix the "plugboard" field in its package.json.',
      realDir,
      realDir,
    );
  }
  return { name, version, dir: realDir, patterns, modules };
}

function outside(name: string, entry: string, dir: string): PluginDiscoveryError {
  return new PluginDiscoveryError(
    `Package ${quote(name)} declares plugin module ${quote(entry)}, which points outside the package ` +
      `(${quote(dir)}); none of its modules were imported. A package may only declare its own files.`,
    entry,
    dir,
  );
}

async function readJson(file: string): Promise<Record<string, unknown> | undefined> {
  try {
    const value: unknown = JSON.parse(await fsPromises().readFile(file, 'utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
