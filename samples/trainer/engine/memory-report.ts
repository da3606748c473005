/** Bytes of training state held privately by one worker (or by the host). */
export interface HeldBytes {
  readonly parameters: number;
  readonly gradients: number;
  readonly optimizerState: number;
}

/** The SharedArrayBuffers of a worker group, each counted once (every worker maps all of them). */
export interface SharedBytes {
  /** Every rank's gradient slots: 2 (by step parity) per rank, each a full gradient plus 3 totals. */
  readonly gradientSlots: number;
  /** The all-gathered parameters (ZeRO stages 1-3 without parameter offload). */
  readonly parameters: number;
  /** Barrier and host-step cells. */
  readonly control: number;
}

/**
 * Where a strategy keeps the model states: per worker (the largest worker's share; shards can differ by one
 * element) and its scratch memory, in the host (main thread, for offload), and in SharedArrayBuffers, which
 * every worker maps. A single-device run's gradient slot is private: it counts in `privateSlotsPerWorker`.
 */
export interface MemoryReport {
  readonly workers: number;
  readonly perWorker: HeldBytes;
  /** Per-worker scratch memory: activations and cast buffers. */
  readonly workspacePerWorker: number;
  /** Gradient slots a worker holds privately (single device); 0 when the slots are shared. */
  readonly privateSlotsPerWorker: number;
  readonly host: HeldBytes;
  readonly shared: SharedBytes;
}

/** Sum of the three model states. */
export function totalBytes(held: HeldBytes): number {
  return held.parameters + held.gradients + held.optimizerState;
}

/** Sum of the shared buffers. */
export function sharedTotal(shared: SharedBytes): number {
  return shared.gradientSlots + shared.parameters + shared.control;
}

/**
 * What one worker holds or maps: its private states, workspace and slots, every shared buffer, and the host's
 * parameters and gradients (with offload these are SharedArrayBuffers the workers read and write; the host's
 * optimizer state is the main thread's alone).
 */
export function reachPerWorker(report: MemoryReport): number {
  const own = totalBytes(report.perWorker) + report.workspacePerWorker + report.privateSlotsPerWorker;
  return own + sharedTotal(report.shared) + report.host.parameters + report.host.gradients;
}

/** Every buffer of the run once: each worker's own, the shared ones, and the host's. */
export function runTotal(report: MemoryReport): number {
  const own = totalBytes(report.perWorker) + report.workspacePerWorker + report.privateSlotsPerWorker;
  return report.workers * own + sharedTotal(report.shared) + totalBytes(report.host);
}

/** No bytes. */
export const noBytes: HeldBytes = { parameters: 0, gradients: 0, optimizerState: 0 };

/** No shared buffers. */
export const noSharedBytes: SharedBytes = { gradientSlots: 0, parameters: 0, control: 0 };

/** The elementwise maximum: the worker that holds the most. */
export function maxBytes(a: HeldBytes, b: HeldBytes): HeldBytes {
  return {
    parameters: Math.max(a.parameters, b.parameters),
    gradients: Math.max(a.gradients, b.gradients),
    optimizerState: Math.max(a.optimizerState, b.optimizerState),
  };
}
