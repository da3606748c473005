import path from 'node:path';
import { isNormalPosix } from './posix-paths.js';

/** `file` relative to `dir`, with `/` separators, as messages and manifests show it. */
export function relativePath(dir: string, file: string): string {
  // A resolved POSIX path below `dir` is the rest of it (a manifest check takes a thousand of them).
  if (isNormalPosix(dir) && isNormalPosix(file) && dir !== '/' && file.startsWith(`${dir}/`)) {
    return file.slice(dir.length + 1);
  }
  return path.relative(dir, file).split(path.sep).join('/');
}
