import type { TrainingState } from '../engine/training-state.js';
import type { SavedPluginState } from '../plugins/stateful.js';
import type { EpochMetrics } from '../trainer/epoch-metrics.js';
import type { RunConfig } from '../trainer/run-config.js';

/**
 * A saved run: its config, the plugins that wrote it (for people), its history, the training state, and the
 * state of every stateful plugin (early_stopping's patience, model_checkpoint's best values) by `stateKey`.
 */
export interface Checkpoint {
  readonly run: RunConfig;
  readonly plugins: { readonly strategy: string; readonly precision: string };
  readonly history: readonly EpochMetrics[];
  readonly state: TrainingState;
  /** Empty in a checkpoint written before plugins had state. */
  readonly pluginStates: Readonly<Record<string, SavedPluginState>>;
  /**
   * The plugin lock of the run that wrote it (plugboard's `createPluginLock`), checked when a run resumes;
   * as read from a file it is unchecked data. Undefined in an older checkpoint or a run of plugin instances.
   */
  readonly lock: unknown;
}
