import path from 'node:path';

// A manifest check handles a thousand plugin file paths at start-up, when Node's path functions still run in the
// interpreter (path.resolve or path.dirname cost microseconds each). Resolved POSIX paths, the common case, are
// handled here as strings; anything else goes through `path`, with the same results.

/** An absolute POSIX path with no `.` or `..` segment, doubled or trailing slash (what realpath and resolve return). */
export function isNormalPosix(file: string): boolean {
  return (
    path.sep === '/' &&
    file.startsWith('/') &&
    (file === '/' || !file.endsWith('/')) &&
    !file.includes('//') &&
    !/\/\.\.?(?:\/|$)/.test(file)
  );
}

/** `path.resolve(dir, relative)`. */
export function resolvePath(dir: string, relative: string): string {
  return isNormalPosix(dir) && isNormalRelative(relative)
    ? `${dir === '/' ? '' : dir}/${relative}`
    : path.resolve(dir, relative);
}

/**
 * True if `/${relative}` is a normal POSIX path, asked without joining the two: the regular expression would flatten
 * the joined text into a new string, for each of a manifest's thousand modules.
 */
function isNormalRelative(relative: string): boolean {
  return (
    relative !== '' &&
    !relative.startsWith('/') &&
    !relative.endsWith('/') &&
    !relative.includes('//') &&
    !/(?:^|\/)\.\.?(?:\/|$)/.test(relative)
  );
}

/** `[path.dirname(file), path.basename(file)]`. */
export function splitPath(file: string): [string, string] {
  if (isNormalPosix(file)) {
    const cut = file.lastIndexOf('/');
    return [cut === 0 ? '/' : file.slice(0, cut), file.slice(cut + 1)];
  }
  return [path.dirname(file), path.basename(file)];
}
