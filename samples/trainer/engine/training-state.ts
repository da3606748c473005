import type { LossScalerState } from '../optim/loss-scaler.js';

/** Adam's state: its step count and the two moment vectors (laid out like the parameters). */
export interface OptimizerState {
  readonly step: number;
  readonly firstMoment: Float64Array;
  readonly secondMoment: Float64Array;
}

/** Everything a run needs to continue exactly where it stopped: what a checkpoint holds. */
export interface TrainingState {
  /** Completed epochs. */
  readonly epoch: number;
  /** Batches processed, including steps skipped by the loss scaler. */
  readonly globalStep: number;
  readonly parameters: Float64Array;
  readonly optimizer: OptimizerState;
  /** Present when the precision uses dynamic loss scaling. */
  readonly lossScale: LossScalerState | undefined;
}

/** A fresh state: epoch 0 with the given parameters and zero optimizer moments. */
export function initialTrainingState(parameters: Float64Array, lossScale: LossScalerState | undefined): TrainingState {
  return {
    epoch: 0,
    globalStep: 0,
    parameters,
    optimizer: {
      step: 0,
      firstMoment: new Float64Array(parameters.length),
      secondMoment: new Float64Array(parameters.length),
    },
    lossScale,
  };
}
