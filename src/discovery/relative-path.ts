import path from 'node:path';

/** `file` relative to `dir`, with `/` separators, as messages and manifests show it. */
export function relativePath(dir: string, file: string): string {
  return path.relative(dir, file).split(path.sep).join('/');
}
