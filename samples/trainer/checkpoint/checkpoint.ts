import type { TrainingState } from '../engine/training-state.js';
import type { EpochMetrics } from '../trainer/epoch-metrics.js';
import type { RunConfig } from '../trainer/run-config.js';

/** A saved run: its config, the plugins that wrote it (for people), its history, and the training state. */
export interface Checkpoint {
  readonly run: RunConfig;
  readonly plugins: { readonly strategy: string; readonly precision: string };
  readonly history: readonly EpochMetrics[];
  readonly state: TrainingState;
}
