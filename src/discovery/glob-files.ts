import path from 'node:path';

const MODULE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const DECLARATION_FILE = /\.d\.[cm]?ts$/;

/**
 * The module files (JavaScript or TypeScript, not declarations) that `patterns` match under `cwd`, as
 * sorted absolute paths. `node_modules` folders are skipped unless a pattern names them.
 */
export async function globFiles(cwd: string, patterns: readonly string[]): Promise<string[]> {
  // Loaded on first use, so that importing plugboard does not load the glob library.
  const { glob } = await import('tinyglobby');
  const files = await glob([...patterns], {
    cwd,
    absolute: true,
    onlyFiles: true,
    expandDirectories: false,
    ignore: patterns.some((pattern) => pattern.includes('node_modules')) ? [] : ['**/node_modules/**'],
  });
  return files
    .map((file) => path.resolve(file))
    .filter((file) => MODULE_FILE.test(file) && !DECLARATION_FILE.test(file))
    .sort();
}
