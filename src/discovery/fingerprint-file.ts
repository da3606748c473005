import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ManifestFile } from './plugin-manifest.js';

/** The size and SHA-256 of a plugin file's content (not its mtime, which a checkout or a copy changes). */
export async function fingerprintFile(file: string): Promise<ManifestFile> {
  const content = await readFile(file);
  return { size: content.length, sha256: createHash('sha256').update(content).digest('hex') };
}
