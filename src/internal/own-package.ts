import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of this copy of plugboard: the parent of the nearest `src` or `dist` folder above this module. The
 * sources run from src/internal/; the build bundles this module into dist/ or one of its chunks (scripts/build.mjs).
 */
export const ownPackage = packageAbove(path.dirname(fileURLToPath(import.meta.url)));

function packageAbove(dir: string): string {
  for (let current = dir; path.dirname(current) !== current; current = path.dirname(current)) {
    const name = path.basename(current);
    if (name === 'src' || name === 'dist') return path.dirname(current);
  }
  return path.dirname(path.dirname(dir));
}
