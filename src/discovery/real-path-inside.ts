import { realpath } from 'node:fs/promises';
import path from 'node:path';

/**
 * The real path of `file` (symlinks resolved) if it lies inside the real path of `root`, else undefined:
 * a pattern with `..`, an absolute path or a symlink can point anywhere, and discovery only imports
 * what the project or package it was asked about contains.
 */
export async function realPathInside(file: string, root: string): Promise<string | undefined> {
  const [realFile, realRoot] = await Promise.all([realpath(file), realpath(root)]);
  const relative = path.relative(realRoot, realFile);
  const inside =
    relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
  return inside ? realFile : undefined;
}

/** The real path of `file` if it exists, else `file` as it is. */
export async function realPathOf(file: string): Promise<string> {
  return realpath(file).catch(() => file);
}
