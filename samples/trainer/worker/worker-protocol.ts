import type { EngineData } from '../engine/rank-engine.js';
import type { EngineConfig, ParallelPlan } from '../engine/engine-config.js';
import type { EpochTotals, StepReport } from '../engine/epoch-totals.js';
import type { HeldBytes } from '../engine/memory-report.js';
import type { RankState } from '../engine/rank-state.js';

/** The SharedArrayBuffer-backed arrays of one worker group. */
export interface SharedBuffers {
  readonly control: Int32Array;
  readonly slots: Float64Array;
  readonly parameters: Float64Array | undefined;
  readonly hostGradients: Float64Array | undefined;
}

/** The data a worker is started with (its `workerData`). */
export interface RankWorkerData {
  readonly rank: number;
  readonly config: EngineConfig;
  readonly plan: ParallelPlan;
  readonly shared: SharedBuffers;
  readonly data: EngineData;
  readonly state: RankState;
}

/** Messages from the main thread to a worker. */
export type ToWorker = { readonly type: 'epoch'; readonly epoch: number } | { readonly type: 'state' };

/** Messages from a worker to the main thread. */
export type FromWorker =
  | { readonly type: 'ready'; readonly rank: number; readonly held: HeldBytes; readonly workspace: number }
  | { readonly type: 'step'; readonly report: StepReport }
  | { readonly type: 'host-step'; readonly sequence: number; readonly foundInfinite: boolean }
  | { readonly type: 'epoch'; readonly rank: number; readonly totals: EpochTotals }
  | { readonly type: 'state'; readonly rank: number; readonly state: RankState };
