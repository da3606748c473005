import path from 'node:path';
import { fs } from '../internal/builtins.js';

/**
 * The folder of package `name` as Node resolves it from the project whose package.json is `projectFile`, or
 * undefined if it cannot be found. Resolution is Node's own (`createRequire(...).resolve`), so it follows
 * whatever the package manager set up: hoisted or nested node_modules, pnpm's symlinks, workspaces, and
 * Yarn's Plug'n'Play when this process runs under it (`yarn node`), whose folders are inside zip archives.
 * (`module.findPackageJSON` would answer directly, but Node 20 lacks it; `import.meta.resolve` cannot resolve
 * from another folder than this module's without a flag.)
 */
export function locatePackage(projectFile: string, name: string): string | undefined {
  const require = process.getBuiltinModule('node:module').createRequire(projectFile);
  // The package's own package.json, unless its "exports" hide it.
  try {
    return path.dirname(require.resolve(`${name}/package.json`));
  } catch {
    // Hidden, or not installed: try the entry point next.
  }
  // Its entry point (as `require` resolves it), then up to the folder whose package.json names the package.
  try {
    const found = packageFolderOf(require.resolve(name), name);
    if (found !== undefined) return found;
  } catch {
    // An ESM-only package without a "require" or "default" export, or not installed.
  }
  // The folders Node would look in, for a package whose exports offer neither.
  for (const dir of require.resolve.paths(name) ?? []) {
    const candidate = path.join(dir, name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
  }
  return undefined;
}

function packageFolderOf(file: string, name: string): string | undefined {
  for (let dir = path.dirname(file); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (!fs.existsSync(manifest)) continue;
    try {
      const parsed = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: unknown };
      if (parsed.name === name) return dir;
    } catch {
      // Not readable: keep looking above it.
    }
  }
  return undefined;
}
