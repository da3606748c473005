import type { PluginSelection } from 'plugboard';
import type { DataConfig, RunConfig } from './run-config.js';
import type { TrainerEvent } from './trainer-event.js';

/** The options of a Trainer. Everything is optional; the defaults train the spirals demo on one device. */
export interface TrainerOptions {
  /**
   * The plugins: an alias (`'ddp'`), `{ alias, options }`, a plugin instance, or an array of these; at most
   * one per kind. Unselected kinds default to `single_device`, `32-true` and `binary`.
   */
  readonly plugins?: PluginSelection;
  /** Train until this many epochs are complete (a resumed run counts the epochs before it). Default 30. */
  readonly maxEpochs?: number;
  readonly seed?: RunConfig['seed'];
  /** The global batch size (split over the workers of a data-parallel strategy). */
  readonly batchSize?: RunConfig['batchSize'];
  /** Hidden layer widths. */
  readonly hidden?: RunConfig['hidden'];
  readonly activation?: RunConfig['activation'];
  readonly learningRate?: RunConfig['learningRate'];
  readonly data?: Partial<DataConfig>;
  /**
   * The time limit, in milliseconds, of each plugin's asynchronous set-up (`[pluginSetup]`) when
   * `setUpTrainerPlugins` sets them up: plugboard's `setupTimeoutMs`. Default: none.
   */
  readonly setupTimeoutMs?: number;
  /**
   * Resume from a checkpoint whose lock names another strategy or precision (or other code or options for them),
   * listing the differences. Default false: such a resume is refused.
   */
  readonly allowPluginChanges?: boolean;
  /** Save `last.<ext>` there after every epoch. */
  readonly checkpointDir?: string;
  /** Called with progress while fitting. */
  readonly onEvent?: (event: TrainerEvent) => void;
}
