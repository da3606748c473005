import { join } from 'node:path';
import type { FileSystem } from '../services/file-system.js';

/** More versions than any folder of runs holds; past it, something else is wrong. */
const MAX_VERSIONS = 100_000;

/**
 * Claims `<directory>/version_<n>/<file>` for a run's log, with the first `n` whose file no earlier run wrote (as
 * Lightning's loggers number their versions), so that a new run, or a resumed one, never overwrites what a
 * previous run wrote. The file is created here, exclusively: two runs starting at once get different versions.
 */
export async function claimVersionFile(fs: FileSystem, directory: string, file: string): Promise<string> {
  for (let version = 0; version < MAX_VERSIONS; version++) {
    const candidate = join(directory, `version_${String(version)}`, file);
    if (await fs.createFile(candidate)) return candidate;
  }
  throw new Error(`${directory} already holds ${String(MAX_VERSIONS)} versions of ${file}; choose another folder.`);
}
