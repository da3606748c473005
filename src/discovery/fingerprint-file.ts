import type { createHash as CreateHash } from 'node:crypto';
import { closeSync, constants, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ManifestFile } from './plugin-manifest.js';

// Loaded at the first hash (importing node:crypto costs about 3 ms, a fifth of what importing plugboard costs).
let createHash: typeof CreateHash | undefined;

/** One read buffer for every file: a manifest check hashes a thousand small files in a row. */
const buffer = Buffer.allocUnsafe(64 * 1024);

/**
 * The size and SHA-256 of a plugin file's content (not its mtime, which a checkout or a copy changes), read
 * synchronously: for the small files plugins are, a blocking open/read/close costs a fraction of what the
 * promise-based reads cost (`checkManifest` hashes every plugin file on every command that uses a manifest).
 * Opened without blocking, so a FIFO does not wait for a writer. Throws the I/O error as it is.
 */
export function fingerprintFileSync(file: string): ManifestFile {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    createHash ??= (createRequire(import.meta.url)('node:crypto') as { createHash: typeof CreateHash }).createHash;
    const hash = createHash('sha256');
    let size = 0;
    for (let read = readSync(fd, buffer, 0, buffer.length, null); read > 0;) {
      hash.update(buffer.subarray(0, read));
      size += read;
      read = readSync(fd, buffer, 0, buffer.length, null);
    }
    return { size, sha256: hash.digest('hex') };
  } finally {
    closeSync(fd);
  }
}
