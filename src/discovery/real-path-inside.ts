import type { Dirent } from 'node:fs';
import path from 'node:path';
import { isNormalPosix, splitPath } from './posix-paths.js';
import { fs, fsPromises } from '../internal/builtins.js';

/**
 * The real path of `file` (symlinks resolved) if it lies inside the real path of `root`, else undefined:
 * a pattern with `..`, an absolute path or a symlink can point anywhere, and discovery only imports
 * what the project or package it was asked about contains.
 */
export async function realPathInside(file: string, root: string): Promise<string | undefined> {
  const [realFile, realRoot] = await Promise.all([fsPromises().realpath(file), fsPromises().realpath(root)]);
  return isInside(realRoot, realFile) ? realFile : undefined;
}

/**
 * The real path of `file` if it lies inside `realRoot` (a real path already: callers checking many files resolve
 * their root once), else undefined; undefined also if `file` does not exist. Synchronous and native (one
 * `realpath` call): for a thousand files it costs a fraction of the promise-based or JavaScript `realpath`.
 */
export function realPathUnder(file: string, realRoot: string): string | undefined {
  const realFile = nativeRealPath(file);
  return realFile !== undefined && isInside(realRoot, realFile) ? realFile : undefined;
}

/**
 * `realPathUnder` for many files in few folders, remembering what it found: each folder's real path is looked up
 * once and its entries listed once, so a file costs no system call unless it is a symlink or is not in the listing
 * (a name in another case on a case-insensitive disk): then a full realpath, which checks every folder on the way
 * (five system calls per file in a project's plugin folder). `file` must be an absolute, resolved path.
 */
export function realPathsUnder(realRoot: string, list: ListFolder = listFolder): (file: string) => string | undefined {
  const folders = new Map<string, { real: string | undefined; links: Map<string, boolean> | undefined }>();
  const folderOf = (folder: string): { real: string | undefined; links: Map<string, boolean> | undefined } => {
    let known = folders.get(folder);
    if (known === undefined) {
      const real = nativeRealPath(folder);
      known = { real, links: real === undefined ? undefined : symlinksIn(folder, list) };
      folders.set(folder, known);
    }
    return known;
  };
  const realPathOfFile = (file: string): string | undefined => {
    const [folder, name] = splitPath(file);
    const { real: realFolder, links } = folderOf(folder);
    if (realFolder === undefined) return undefined;
    // A symlink, or a name the listing does not hold (another case on a case-insensitive disk): a full realpath.
    if (links?.get(name) !== false) return nativeRealPath(file);
    // path.join(realFolder, name), without normalising again what realpath returned.
    return `${realFolder}${realFolder.endsWith(path.sep) ? '' : path.sep}${name}`;
  };
  const files = new Map<string, string | undefined>();
  return (file) => {
    if (!files.has(file)) {
      const real = realPathOfFile(file);
      files.set(file, real !== undefined && isInside(realRoot, real) ? real : undefined);
    }
    return files.get(file);
  };
}

/** Whether each entry of `folder` is a symlink, by name; undefined if it cannot be listed. */
function symlinksIn(folder: string, list: ListFolder): Map<string, boolean> | undefined {
  try {
    return new Map(list(folder).map((entry) => [entry.name, entry.isSymbolicLink()]));
  } catch {
    return undefined;
  }
}

/** A folder's entries with their types, as `readdirSync(folder, { withFileTypes: true })`; throws what it throws. */
export type ListFolder = (folder: string) => readonly Dirent[];

/** `ListFolder` of the disk as it is now. */
export function listFolder(folder: string): Dirent[] {
  return fs.readdirSync(folder, { withFileTypes: true });
}

/**
 * `ListFolder` that lists each folder once and gives the same entries (or throws the same error) when asked
 * again: the command's registration and freshness check of one manifest share it, and a plugin folder of a
 * thousand files is listed once instead of twice.
 */
export function folderListings(): ListFolder {
  const listed = new Map<string, { entries: Dirent[] } | { error: unknown }>();
  return (folder) => {
    let found = listed.get(folder);
    if (!found) {
      try {
        found = { entries: listFolder(folder) };
      } catch (error) {
        found = { error };
      }
      listed.set(folder, found);
    }
    if ('error' in found) throw found.error;
    return found.entries;
  };
}

function nativeRealPath(file: string): string | undefined {
  try {
    return fs.realpathSync.native(file);
  } catch {
    return undefined;
  }
}

let lastRoot: string | undefined;
let lastRootNormal = false;

/** True if `file` is `root` itself (with `self`) or lies below it, comparing the paths as written. */
export function isInside(root: string, file: string, self = false): boolean {
  // Real paths and resolved paths on POSIX compare by prefix, without path.relative (which resolves both again):
  // a manifest check compares a thousand of them, with one root.
  if (root !== lastRoot) {
    lastRoot = root;
    lastRootNormal = isNormalPosix(root);
  }
  if (lastRootNormal && isNormalPosix(file)) {
    if (file === root) return self;
    return file.startsWith(root === '/' ? root : `${root}/`);
  }
  const relative = path.relative(root, file);
  if (relative === '') return self;
  return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/** The real path of `file` if it exists, else `file` as it is. */
export async function realPathOf(file: string): Promise<string> {
  return fsPromises()
    .realpath(file)
    .catch(() => file);
}
