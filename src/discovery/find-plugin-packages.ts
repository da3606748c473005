import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { DiscoveryFailure } from './discovery-report.js';
import { globFiles } from './glob-files.js';
import { PluginDiscoveryError } from './plugin-discovery-error.js';
import { readPluginPatterns } from './read-plugin-patterns.js';
import { realPathInside } from './real-path-inside.js';
import { relativePath } from './relative-path.js';
import { fs } from '../internal/builtins.js';
import { quote } from '../internal/quote.js';

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

/**
 * The project's dependencies (from its package.json) that are installed and declare plugin modules, with
 * their module files; and the packages refused, each with a PluginDiscoveryError (a malformed field, an
 * entry that points outside the package, or patterns that match no file). Imports nothing.
 */
export async function findPluginPackages(
  project: string,
): Promise<{ packages: PluginPackage[]; problems: DiscoveryFailure[] }> {
  const projectDir = path.resolve(project);
  const manifest = await readJson(path.join(projectDir, 'package.json'));
  if (manifest === undefined) {
    throw new PluginDiscoveryError(
      `No readable package.json in ${quote(projectDir)}: plugin packages are found among the dependencies it lists. ` +
        'Run the command in the project folder, or pass the folder that has the package.json.',
      projectDir,
    );
  }
  const names = new Set<string>();
  for (const field of DEPENDENCY_FIELDS) {
    const deps = manifest[field];
    if (typeof deps === 'object' && deps !== null) for (const name of Object.keys(deps)) names.add(name);
  }
  const packages: PluginPackage[] = [];
  const problems: DiscoveryFailure[] = [];
  for (const name of [...names].sort()) {
    const dir = findInstalled(projectDir, name);
    const pkg = dir === undefined ? undefined : await readJson(path.join(dir, 'package.json'));
    // plugboard's own field configures the command in its checkout (the demo's registry); it ships no plugins.
    if (dir === undefined || pkg?.plugboard === undefined || name === 'plugboard') continue;
    try {
      packages.push(await pluginPackage(name, dir, pkg));
    } catch (error) {
      problems.push({ module: name, file: dir, error });
    }
  }
  return { packages, problems };
}

async function pluginPackage(name: string, dir: string, pkg: Record<string, unknown>): Promise<PluginPackage> {
  const patterns = readPluginPatterns(pkg.plugboard, `package ${quote(name)}`, dir);
  const realDir = await realpath(dir);
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
  const version = typeof pkg.version === 'string' ? pkg.version : '0.0.0';
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

/** The folder of package `name` as Node would find it from `projectDir`: the nearest node_modules that has it. */
function findInstalled(projectDir: string, name: string): string | undefined {
  for (let dir = projectDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

async function readJson(file: string): Promise<Record<string, unknown> | undefined> {
  try {
    const value: unknown = JSON.parse(await readFile(file, 'utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
