import type { MlpShape } from '../model/mlp-layout.js';
import type { NumberFormat } from '../numeric/number-format.js';
import type { AdamOptions } from '../optim/adam.js';
import type { LossScalerOptions } from '../optim/loss-scaler.js';

/**
 * What every rank needs to know to train, as plain data (it is posted to worker threads): the model, the
 * numeric formats chosen by the precision plugin, the optimizer, and the batching.
 */
export interface EngineConfig {
  readonly shape: MlpShape;
  /** Format of activations and gradients (autocast). */
  readonly compute: NumberFormat;
  /** Format of the master weights and optimizer state. */
  readonly master: NumberFormat;
  readonly optimizer: AdamOptions;
  /** Dynamic loss scaling, for float16 compute. */
  readonly lossScaling: LossScalerOptions | undefined;
  /** The global batch: split over the ranks of a data-parallel strategy. */
  readonly batchSize: number;
  /** Seeds the per-epoch shuffles. */
  readonly seed: number;
}

/** The engine's configuration without the numeric formats, which a strategy takes from its precision plugin. */
export type ModelConfig = Omit<EngineConfig, NumericField>;

/** The fields of EngineConfig that a precision plugin decides. */
export type NumericField = 'compute' | 'master' | 'lossScaling';

/** A ZeRO stage: what is sharded across workers (0: nothing, 1: optimizer state, 2: + gradients, 3: + parameters). */
export type ZeroStage = 0 | 1 | 2 | 3;

/** How a strategy spreads training over ranks, as plain data. */
export interface ParallelPlan {
  readonly worldSize: number;
  readonly stage: ZeroStage;
  /** The optimizer state lives in the main thread (the host), which also runs the optimizer step. */
  readonly offloadOptimizer: boolean;
  /** The parameters live in host memory too; workers hold none of their own (stage 3 only). */
  readonly offloadParameters: boolean;
  /** Count the parameters that got no gradient on any rank in a step (DDP's find_unused_parameters). */
  readonly findUnusedParameters: boolean;
}

/** The plan of a single process: one rank, nothing sharded. */
export const singleRankPlan: ParallelPlan = {
  worldSize: 1,
  stage: 0,
  offloadOptimizer: false,
  offloadParameters: false,
  findUnusedParameters: false,
};
