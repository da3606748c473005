/** Bytes of training state held privately by one worker (or by the host). */
export interface HeldBytes {
  readonly parameters: number;
  readonly gradients: number;
  readonly optimizerState: number;
}

/**
 * Where a strategy keeps the model states: per worker (the largest worker's share; shards can differ by one
 * element), in the host (main thread, for offload), and in SharedArrayBuffers (communication buffers and
 * the all-gathered parameters). `workspace` is per-worker scratch memory: activations and cast buffers.
 */
export interface MemoryReport {
  readonly workers: number;
  readonly perWorker: HeldBytes;
  readonly workspacePerWorker: number;
  readonly host: HeldBytes;
  readonly shared: number;
}

/** Sum of the three model states. */
export function totalBytes(held: HeldBytes): number {
  return held.parameters + held.gradients + held.optimizerState;
}

/** No bytes. */
export const noBytes: HeldBytes = { parameters: 0, gradients: 0, optimizerState: 0 };

/** The elementwise maximum: the worker that holds the most. */
export function maxBytes(a: HeldBytes, b: HeldBytes): HeldBytes {
  return {
    parameters: Math.max(a.parameters, b.parameters),
    gradients: Math.max(a.gradients, b.gradients),
    optimizerState: Math.max(a.optimizerState, b.optimizerState),
  };
}
