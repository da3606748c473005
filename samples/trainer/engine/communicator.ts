/**
 * What a rank shares with the others. `slots` holds, per step parity and rank, the rank's local gradient
 * followed by its loss sum, correct count and an overflow flag (`slotLength` numbers per slot).
 */
export interface Communicator {
  readonly rank: number;
  readonly worldSize: number;
  readonly slots: Float64Array;
  /** The all-gathered parameters (ZeRO stages 1-3 and offload). */
  readonly sharedParameters: Float64Array | undefined;
  /** Where ranks reduce their gradient shards for the host's optimizer step (offload). */
  readonly hostGradients: Float64Array | undefined;
  /** Blocks until every rank has reached it. */
  barrier(): void;
  /** Offload: starts host step `sequence` (rank 0 only). */
  requestHostStep(sequence: number, foundInfinite: boolean): void;
  /** Offload: blocks until the host has finished step `sequence`. */
  waitForHost(sequence: number): void;
}

/** Numbers per slot: the gradient, then loss sum, correct count and overflow flag. */
export function slotLength(parameterCount: number): number {
  return parameterCount + 3;
}

/** The communicator of a single rank in the main thread: private slots, nothing to wait for. */
export function localCommunicator(parameterCount: number): Communicator {
  return {
    rank: 0,
    worldSize: 1,
    slots: new Float64Array(slotLength(parameterCount)),
    sharedParameters: undefined,
    hostGradients: undefined,
    barrier: () => undefined,
    requestHostStep: () => {
      throw new Error('A single-device run has no host optimizer.');
    },
    waitForHost: () => undefined,
  };
}
