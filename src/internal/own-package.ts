import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fs } from './builtins.js';

let found: { dir: string; manifest: Readonly<Record<string, unknown>> | undefined } | undefined;

/**
 * The folder of this copy of plugboard: the nearest folder above this module whose package.json names plugboard.
 * The sources run from src/internal/; the build bundles this module into dist/ or one of its chunks
 * (scripts/build.mjs), and an application may bundle it into a file of its own. Looked up at the first call.
 */
export function ownPackage(): string {
  found ??= packageAbove(path.dirname(fileURLToPath(import.meta.url)));
  return found.dir;
}

/** That folder's package.json as it was read to find it; undefined if none was found (a bundled copy). */
export function ownPackageJson(): Readonly<Record<string, unknown>> | undefined {
  ownPackage();
  return found?.manifest;
}

function packageAbove(start: string): { dir: string; manifest: Readonly<Record<string, unknown>> | undefined } {
  for (let dir = start; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const manifest = plugboardManifest(path.join(dir, 'package.json'));
    if (manifest) return { dir, manifest };
  }
  // No package.json of plugboard's: two folders up, where it lies from src/internal/ and dist/chunks/.
  return { dir: path.dirname(path.dirname(start)), manifest: undefined };
}

function plugboardManifest(file: string): Record<string, unknown> | undefined {
  try {
    const manifest: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return typeof manifest === 'object' && manifest !== null && (manifest as { name?: unknown }).name === 'plugboard'
      ? (manifest as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
