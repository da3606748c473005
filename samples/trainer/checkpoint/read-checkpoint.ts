import { open } from 'node:fs/promises';
import type { Checkpoint } from './checkpoint.js';
import type { CheckpointIO } from '../plugins/checkpoint-io.js';

const HEAD_BYTES = 16;

/**
 * Reads the checkpoint at `path` with the first format that recognizes its first bytes: `preferred`, then
 * each of `others` (made on demand). Throws naming `formats` if none does.
 */
export async function readCheckpoint(
  path: string,
  preferred: CheckpointIO,
  others: () => Iterable<CheckpointIO>,
  formats: readonly string[],
): Promise<Checkpoint> {
  const head = new Uint8Array(HEAD_BYTES);
  const file = await open(path, 'r');
  try {
    await file.read(head, 0, head.length, 0);
  } finally {
    await file.close();
  }
  if (preferred.recognizes(head)) return preferred.load(path);
  for (const io of others()) if (io.recognizes(head)) return io.load(path);
  throw new Error(`${path} is in no known checkpoint format (${formats.join(', ')}).`);
}
