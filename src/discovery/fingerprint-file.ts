import type * as Crypto from 'node:crypto';
import type { ManifestFile } from './plugin-manifest.js';
import { fs } from '../internal/builtins.js';

// Loaded at the first hash (importing node:crypto costs about 3 ms, a fifth of what importing plugboard costs).
let crypto: typeof Crypto | undefined;

/** Plugin files are small: one read into this buffer holds nearly all of them (larger ones are read in pieces). */
let buffer: Buffer | undefined;

/**
 * The size and SHA-256 of a plugin file's content (not its mtime, which a checkout or a copy changes), read
 * synchronously and hashed in one call: for the small files plugins are, that costs a fraction of a promise-based
 * read and a streaming hash (`checkManifest` hashes every plugin file on every command that uses a manifest).
 * The file is read into one buffer kept for every call: `readFileSync` would also ask for its size and make a
 * buffer per file, and a thousand of those cost the command a garbage collection or two.
 * Throws the I/O error as it is.
 */
export function fingerprintFileSync(file: string): ManifestFile {
  crypto ??= process.getBuiltinModule('node:crypto');
  buffer ??= Buffer.allocUnsafe(64 * 1024);
  // Non-blocking, as a FIFO put in a plugin file's place would otherwise wait for a writer.
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    let read = fs.readSync(fd, buffer, 0, buffer.length, null);
    // A regular file read short is read to its end: hash it in one call.
    if (read < buffer.length) return { size: read, sha256: crypto.hash('sha256', buffer.subarray(0, read)) };
    const hash = crypto.createHash('sha256');
    let size = 0;
    while (read > 0) {
      hash.update(buffer.subarray(0, read));
      size += read;
      read = fs.readSync(fd, buffer, 0, buffer.length, null);
    }
    return { size, sha256: hash.digest('hex') };
  } finally {
    fs.closeSync(fd);
  }
}
