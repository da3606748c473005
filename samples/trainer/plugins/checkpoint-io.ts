import type { Checkpoint } from '../checkpoint/checkpoint.js';

/** A plugin of kind 'checkpoint_io': a file format for checkpoints. */
export interface CheckpointIO {
  /** For people, such as `json`. */
  readonly label: string;
  /** File extension, with its dot. */
  readonly extension: string;
  save(checkpoint: Checkpoint, path: string): Promise<void>;
  load(path: string): Promise<Checkpoint>;
  /** True if a file starting with `head` (its first bytes) is in this format. */
  recognizes(head: Uint8Array): boolean;
}

/** True if `value` has a checkpoint format's shape. */
export function isCheckpointIO(value: unknown): value is CheckpointIO {
  return (
    typeof value === 'object' &&
    value !== null &&
    'save' in value &&
    typeof value.save === 'function' &&
    'load' in value &&
    typeof value.load === 'function' &&
    'recognizes' in value &&
    typeof value.recognizes === 'function'
  );
}
