/** One step as rank 0 reports it, for progress displays. */
export interface StepReport {
  readonly epoch: number;
  /** Step within the epoch, from 1. */
  readonly step: number;
  readonly steps: number;
  /** Mean loss of the step's global batch. */
  readonly loss: number;
  /** The loss scale the step used (1 without loss scaling). */
  readonly lossScale: number;
}

/** What one epoch produced, summed over all ranks. */
export interface EpochTotals {
  readonly epoch: number;
  /** Sum of per-sample training losses (each taken before its step's update). */
  readonly lossSum: number;
  readonly correct: number;
  readonly size: number;
  /** Steps skipped because float16 gradients overflowed. */
  readonly skippedSteps: number;
  /** Most parameters that got no gradient in one step (counted with findUnusedParameters). */
  readonly unusedParameters: number;
  readonly validation: { readonly lossSum: number; readonly correct: number; readonly size: number };
}
