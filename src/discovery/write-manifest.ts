import { fsPromises } from '../internal/builtins.js';
import path from 'node:path';
import { createManifest, type ManifestOptions } from './create-manifest.js';
import type { DiscoveryReport } from './discovery-report.js';
import type { PluginManifest } from './plugin-manifest.js';
import { manifestPath } from './read-manifest.js';

/**
 * Writes the manifest of the plugins that `reports` discovered to `file` (as `plugboard manifest` does), so that
 * `loadManifest` can register them later without importing their modules. Creates the file's folder if it is
 * missing. Returns what it wrote. Throws
 * PluginManifestError, writing nothing, if a module failed to load or a plugin's params are not JSON.
 *
 * @example
 * const report = await discover(['dist/plugins/*.js']);
 * await writeManifest('plugboard.manifest.json', report, { refresh: 'npm run manifest' });
 */
export async function writeManifest(
  file: string,
  reports: DiscoveryReport | readonly DiscoveryReport[],
  options: ManifestOptions = {},
): Promise<PluginManifest> {
  const where = manifestPath(file); // checks the argument before any folder is made
  const { mkdir, rename, writeFile } = fsPromises();
  await mkdir(path.dirname(where), { recursive: true });
  const manifest = await createManifest(where, reports, options);
  // Written beside the target and renamed over it, so that a reader never sees half a manifest.
  const partial = `${where}.${String(process.pid)}.tmp`;
  await writeFile(partial, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(partial, where);
  return manifest;
}
