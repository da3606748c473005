import type { ServiceIdentifier } from 'inversify';
import type { Callback } from '../plugins/callback.js';
import type { CheckpointIO } from '../plugins/checkpoint-io.js';
import type { MetricsLogger } from '../plugins/metrics-logger.js';
import type { PrecisionPlugin } from '../plugins/precision-plugin.js';
import type { Strategy } from '../plugins/strategy.js';

/**
 * The container tokens of the plugins a run selected, one per kind: each resolves, once per container,
 * the user's choice of that kind (or its default). A strategy injects PRECISION; the fit loop LOGGERS and
 * CALLBACKS; the checkpoint service CHECKPOINT_IO.
 */
export const SELECTED = {
  strategy: Symbol.for('plugboard.samples.trainer.selected.strategy') as ServiceIdentifier<Strategy>,
  precision: Symbol.for('plugboard.samples.trainer.selected.precision') as ServiceIdentifier<PrecisionPlugin>,
  checkpointIO: Symbol.for('plugboard.samples.trainer.selected.checkpoint_io') as ServiceIdentifier<CheckpointIO>,
  loggers: Symbol.for('plugboard.samples.trainer.selected.logger') as ServiceIdentifier<readonly MetricsLogger[]>,
  callbacks: Symbol.for('plugboard.samples.trainer.selected.callback') as ServiceIdentifier<readonly Callback[]>,
} as const;
