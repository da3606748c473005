import type { Dirent } from 'node:fs';
import path from 'node:path';
import { isModuleFile } from './glob-files.js';
import { listFolder, type ListFolder } from './real-path-inside.js';
import { fs } from '../internal/builtins.js';

/** Characters with a meaning to the glob library other than `*` and `?`, and path separators' oddities. */
const SPECIAL = /[[\]{}()!+@\\]/;

/**
 * `globFiles(cwd, patterns)` answered with one folder listing per pattern, without loading the glob library, when
 * every pattern is a plain folder path followed by a file name with `*` and `?` wildcards (`dist/plugins/*.js`): a
 * manifest's sources nearly always are. Undefined when a pattern needs the glob library (`**`, braces, classes,
 * negation, `node_modules`) or a folder cannot be listed for another reason than not existing. Matches as the glob
 * library does: `*` and `?` do not match a leading dot, only files (or links to files) count, and the result is the
 * sorted absolute paths of module files.
 */
export function listMatchingFiles(
  cwd: string,
  patterns: readonly string[],
  list: ListFolder = listFolder,
): string[] | undefined {
  const files = new Set<string>();
  for (const pattern of patterns) {
    const normal = path.posix.normalize(pattern);
    const slash = normal.lastIndexOf('/');
    const folder = slash < 0 ? '' : normal.slice(0, slash);
    const name = normal.slice(slash + 1);
    if (
      SPECIAL.test(normal) ||
      /[*?]/.test(folder) ||
      name === '' ||
      name.includes('**') ||
      name === '.' ||
      name === '..' ||
      path.posix.isAbsolute(normal) ||
      normal.split('/').some((part) => part === '..' || part === 'node_modules')
    ) {
      return undefined;
    }
    const dir = path.join(cwd, folder);
    let entries: readonly Dirent[];
    try {
      entries = list(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR')
        continue;
      return undefined;
    }
    const matches = wildcard(name);
    // path.join(dir, entry.name) without normalising `dir` again for each of a thousand entries: a listed name
    // holds no separator and is never `.` or `..`.
    const prefix = dir.endsWith(path.sep) ? dir : `${dir}${path.sep}`;
    for (const entry of entries) {
      if (!matches(entry.name)) continue;
      const file = `${prefix}${entry.name}`;
      if (entry.isFile() || (entry.isSymbolicLink() && isFileBehindLink(file))) files.add(file);
    }
  }
  return [...files].filter(isModuleFile).sort();
}

/** A test of a file name against `pattern`, whose `*` and `?` do not match a leading dot. */
function wildcard(pattern: string): (name: string) => boolean {
  const source = pattern.replace(/[.*?^$|]/g, (char) => (char === '*' ? '.*' : char === '?' ? '.' : `\\${char}`));
  const regex = new RegExp(`^${source}$`, 's');
  const dotted = pattern.startsWith('.');
  return (name) => (dotted || !name.startsWith('.')) && regex.test(name);
}

function isFileBehindLink(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false; // a broken link
  }
}
