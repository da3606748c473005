import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fs } from './builtins.js';

let found: string | undefined;

/**
 * The folder of this copy of plugboard: the nearest folder above this module whose package.json names plugboard.
 * The sources run from src/internal/; the build bundles this module into dist/ or one of its chunks
 * (scripts/build.mjs), and an application may bundle it into a file of its own. Looked up at the first call.
 */
export function ownPackage(): string {
  found ??= packageAbove(path.dirname(fileURLToPath(import.meta.url)));
  return found;
}

function packageAbove(start: string): string {
  for (let dir = start; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (isPlugboard(path.join(dir, 'package.json'))) return dir;
  }
  // No package.json of plugboard's: two folders up, where it lies from src/internal/ and dist/chunks/.
  return path.dirname(path.dirname(start));
}

function isPlugboard(file: string): boolean {
  try {
    const manifest: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return typeof manifest === 'object' && manifest !== null && (manifest as { name?: unknown }).name === 'plugboard';
  } catch {
    return false;
  }
}
