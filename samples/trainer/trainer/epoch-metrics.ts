import type { EpochTotals } from '../engine/epoch-totals.js';

/** What one epoch produced, as the trainer reports, stores in checkpoints and plots. */
export interface EpochMetrics {
  readonly epoch: number;
  readonly trainLoss: number;
  readonly trainAccuracy: number;
  readonly validationLoss: number;
  readonly validationAccuracy: number;
  /** Steps skipped by the loss scaler (16-mixed). */
  readonly skippedSteps: number;
  /** Most parameters without gradient in one step (ddp_find_unused_parameters_true). */
  readonly unusedParameters: number;
  readonly seconds: number;
}

/** The field names of EpochMetrics, in order, for tables and decoders. */
export const epochMetricKeys = [
  'epoch',
  'trainLoss',
  'trainAccuracy',
  'validationLoss',
  'validationAccuracy',
  'skippedSteps',
  'unusedParameters',
  'seconds',
] as const satisfies readonly (keyof EpochMetrics)[];

/** The metrics of an epoch from the ranks' totals and its wall-clock time. */
export function epochMetrics(totals: EpochTotals, seconds: number): EpochMetrics {
  const { validation } = totals;
  return {
    epoch: totals.epoch,
    trainLoss: totals.lossSum / totals.size,
    trainAccuracy: totals.correct / totals.size,
    validationLoss: validation.lossSum / validation.size,
    validationAccuracy: validation.correct / validation.size,
    skippedSteps: totals.skippedSteps,
    unusedParameters: totals.unusedParameters,
    seconds,
  };
}
