import { createRequire } from '../internal/builtins.js';
import path from 'node:path';
import { isNormalPosix } from './posix-paths.js';
import type { GlobOptions } from 'tinyglobby';

const MODULE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const DECLARATION_FILE = /\.d\.[cm]?ts$/;

/** tinyglobby's `glob(patterns, options)`. */
type Glob = (patterns: string[], options: GlobOptions) => Promise<string[]>;

let glob: Glob | undefined;

/**
 * The module files (JavaScript or TypeScript, not declarations) that `patterns` match under `cwd`, as
 * sorted absolute paths. `node_modules` folders are skipped unless a pattern names them.
 */
export async function globFiles(cwd: string, patterns: readonly string[]): Promise<string[]> {
  // Loaded on first use, so that importing plugboard does not load the glob library; and required, not imported:
  // its CommonJS build loads in about a third of the time the ES build takes (which imports CommonJS picomatch).
  glob ??= (createRequire(import.meta.url)('tinyglobby') as { glob: Glob }).glob;
  const files = await glob([...patterns], {
    cwd,
    absolute: true,
    onlyFiles: true,
    expandDirectories: false,
    ignore: patterns.some((pattern) => pattern.includes('node_modules')) ? [] : ['**/node_modules/**'],
  });
  return files
    .map((file) => (isNormalPosix(file) ? file : path.resolve(file)))
    .filter(isModuleFile)
    .sort();
}

/** True for a JavaScript or TypeScript module file, not a declaration file: what `globFiles` keeps. */
export function isModuleFile(file: string): boolean {
  return MODULE_FILE.test(file) && !DECLARATION_FILE.test(file);
}
