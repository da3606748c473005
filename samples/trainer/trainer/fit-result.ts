import type { EpochMetrics } from './epoch-metrics.js';
import type { RunConfig } from './run-config.js';
import type { PluginLabels } from './trainer-event.js';
import type { MemoryReport } from '../engine/memory-report.js';
import type { TrainingState } from '../engine/training-state.js';

/** What `Trainer.fit` returns. */
export interface FitResult {
  readonly run: RunConfig;
  readonly plugins: PluginLabels;
  readonly parameterCount: number;
  /** Every epoch of the run, including those before a resume. */
  readonly history: readonly EpochMetrics[];
  /** The final state (gathered from the workers). */
  readonly state: TrainingState;
  readonly memory: MemoryReport;
  /** The last checkpoint written, if a checkpoint directory was set. */
  readonly checkpointPath: string | undefined;
  /** Why a callback (early_stopping) ended training before `maxEpochs`, if one did. */
  readonly stoppedBecause: string | undefined;
}
