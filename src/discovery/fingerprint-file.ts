import type { hash as Hash } from 'node:crypto';
import type { ManifestFile } from './plugin-manifest.js';
import { fs } from '../internal/builtins.js';

// Loaded at the first hash (importing node:crypto costs about 3 ms, a fifth of what importing plugboard costs).
let hash: typeof Hash | undefined;

/**
 * The size and SHA-256 of a plugin file's content (not its mtime, which a checkout or a copy changes), read
 * synchronously and hashed in one call: for the small files plugins are, that costs a fraction of a promise-based
 * read and a streaming hash (`checkManifest` hashes every plugin file on every command that uses a manifest).
 * Throws the I/O error as it is.
 */
export function fingerprintFileSync(file: string): ManifestFile {
  hash ??= process.getBuiltinModule('node:crypto').hash;
  const content = fs.readFileSync(file);
  return { size: content.length, sha256: hash('sha256', content) };
}
