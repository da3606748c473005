import path from 'node:path';
import { checkReadManifest, type ManifestCheck } from './check-manifest.js';
import { realDir, registerManifest, type LoadedManifest } from './load-manifest.js';
import { manifestPath, readManifest } from './read-manifest.js';
import { folderListings, realPathsUnder } from './real-path-inside.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';

/**
 * `loadManifest(file, { registry, root })` and `checkManifest(file, { root })` on one reading of the file: a
 * manifest of a thousand plugins takes as long to read and check as to register. Throws what they throw; if the
 * check throws, the manifest's entries are removed again.
 */
export async function loadCheckedManifest(
  file: string,
  { registry, root: given }: { registry: PluginRegistry; root: string },
): Promise<{ loaded: LoadedManifest; check: ManifestCheck }> {
  const where = manifestPath(file);
  const dir = realDir(path.dirname(where));
  const root = realDir(path.resolve(given));
  const manifest = readManifest(where);
  // Both list the plugin folders and look up the real path of every plugin file: once each is enough.
  const list = folderListings();
  const realPath = realPathsUnder(root, list);
  const loaded = registerManifest(where, manifest, { registry, dir, root, realPath });
  try {
    return { loaded, check: await checkReadManifest(where, manifest, { dir, root, list, realPath }) };
  } catch (error) {
    loaded.dispose();
    throw error;
  }
}
