import path from 'node:path';
import type { RegisteredPlugin } from './registered-plugin.js';

/**
 * True if `real` may take the place of the manifest entry `lazy` under the same alias: it was registered while
 * the entry's module was being imported (`loading`), or it is the very class the manifest names (the same class
 * name, registered from a file of the manifest module's name, when plugboard knows where). Any other class
 * registered under a manifest's alias is a duplicate.
 */
export function claimsManifestEntry(lazy: RegisteredPlugin, real: RegisteredPlugin, loading: boolean): boolean {
  if (!lazy.lazy || real.lazy) return false;
  if (loading) return true;
  const { module, exportName } = lazy.lazy;
  if (exportName === undefined || real.className !== exportName) return false;
  const source = real.source;
  if (source === undefined) return true;
  return stem(source.replace(/:\d+$/, '')) === stem(module);
}

/** A file's name without folders or extension: `plugins/ddp.ts` and `dist/plugins/ddp.js` are both `ddp`. */
function stem(file: string): string {
  const base = path.basename(file.replaceAll('\\', '/'));
  const dot = base.indexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}
