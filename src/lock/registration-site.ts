import path from 'node:path';
import { relativePath } from '../discovery/relative-path.js';
import { fs } from '../internal/builtins.js';
import type { RegisteredPlugin } from '../registry/registered-plugin.js';

/**
 * Where a plugin was registered, for explanations and locks. Paths are POSIX and relative (to the package's
 * folder for a plugin of an installed package, else to the root), so that they read the same on every machine.
 */
export type RegistrationSite =
  /** A module of the project: its path relative to the root, and the line of the registration. */
  | { readonly type: 'module'; readonly module: string; readonly line: number | undefined }
  /** A module of an installed package (under `node_modules`): the package, and the module's path inside it. */
  | {
      readonly type: 'package';
      readonly name: string;
      readonly version: string;
      readonly module: string;
      readonly line: number | undefined;
    }
  /** A manifest entry whose module was not imported: the module and class as the manifest names them. */
  | { readonly type: 'manifest'; readonly module: string; readonly exportName: string | undefined }
  /** Not recorded (`new PluginRegistry({ sources: false })`). */
  | { readonly type: 'unknown' };

/** The site of `entry`, and the absolute path of its module file when there is one. */
export function registrationSite(
  entry: RegisteredPlugin,
  root: string,
): { site: RegistrationSite; file: string | undefined } {
  if (entry.lazy) {
    return {
      site: { type: 'manifest', module: entry.lazy.module, exportName: entry.lazy.exportName },
      file: undefined,
    };
  }
  const location = entry.source;
  if (location === undefined) return { site: { type: 'unknown' }, file: undefined };
  const match = /^(.*):(\d+)$/.exec(location);
  const file = path.resolve(match ? (match[1] as string) : location);
  const line = match ? Number(match[2]) : undefined;
  const pkg = packageOf(file);
  if (pkg) return { site: { type: 'package', ...pkg.info, module: relativePath(pkg.dir, file), line }, file };
  return { site: { type: 'module', module: relativePath(root, file), line }, file };
}

/** The installed package (the folder under the last `node_modules`) that holds `file`, with its name and version. */
function packageOf(file: string): { dir: string; info: { name: string; version: string } } | undefined {
  const parts = file.split(path.sep);
  const at = parts.lastIndexOf('node_modules');
  if (at === -1 || at + 1 >= parts.length - 1) return undefined;
  const scoped = parts[at + 1]?.startsWith('@') === true;
  const dir = parts.slice(0, at + (scoped ? 3 : 2)).join(path.sep);
  try {
    const json: unknown = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const { name, version } = (json ?? {}) as { name?: unknown; version?: unknown };
    if (typeof name === 'string' && typeof version === 'string') return { dir, info: { name, version } };
  } catch {
    // No readable package.json: the module counts as one of the project's.
  }
  return undefined;
}
