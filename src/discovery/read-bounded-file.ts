import { fs } from '../internal/builtins.js';

/** The largest manifest plugboard reads: a manifest of thousands of plugins is a few megabytes. */
export const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

const CHUNK = 256 * 1024;

/** Why a file could not be read: it is missing, is not a regular file, or is larger than the limit. */
export type BoundedReadProblem = 'missing' | 'not a file' | 'too large';

/**
 * The content of a regular file of at most `limit` bytes, or why not. It opens without blocking (a FIFO does not
 * wait for a writer), checks the open file (a device, FIFO or folder is refused before a byte is read), and never
 * reads more than `limit + 1` bytes, so `/dev/zero` or a file that grows while read returns promptly.
 * Other I/O errors (permissions) are thrown as they are.
 */
export function readBoundedFile(file: string, limit: number): { text: string } | { problem: BoundedReadProblem } {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return { problem: 'missing' };
    throw error;
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { problem: 'not a file' };
    if (stat.size > limit) return { problem: 'too large' };
    // One read of the size the file has now and a byte more: a short read of a regular file is its end. A file that
    // grew meanwhile is read on in chunks, never beyond limit + 1 bytes.
    const chunks: Buffer[] = [];
    let length = 0;
    let next = Math.min(stat.size + 1, limit + 1);
    while (length <= limit) {
      const chunk = Buffer.allocUnsafe(next);
      const read = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      length += read;
      if (read < chunk.length) break;
      next = Math.min(CHUNK, limit + 1 - length);
    }
    if (length > limit) return { problem: 'too large' };
    const content = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, length);
    return { text: content.toString('utf8') };
  } finally {
    fs.closeSync(fd);
  }
}
