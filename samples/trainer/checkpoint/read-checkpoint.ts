import type { Checkpoint } from './checkpoint.js';
import type { CheckpointIO } from '../plugins/checkpoint-io.js';
import type { FileSystem } from '../services/file-system.js';

const HEAD_BYTES = 16;

/**
 * Reads the checkpoint at `path` (through `fs`) with the first format that recognizes its first bytes:
 * `preferred`, then each of `others` (made on demand). Throws naming `formats` if none does.
 */
export async function readCheckpoint(
  fs: FileSystem,
  path: string,
  preferred: CheckpointIO,
  others: () => Iterable<CheckpointIO>,
  formats: readonly string[],
): Promise<Checkpoint> {
  const head = (await fs.readFile(path)).subarray(0, HEAD_BYTES);
  if (preferred.recognizes(head)) return preferred.load(path);
  for (const io of others()) if (io.recognizes(head)) return io.load(path);
  throw new Error(`${path} is in no known checkpoint format (${formats.join(', ')}).`);
}
