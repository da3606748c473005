import { inject, injectable } from 'inversify';
import { z } from 'zod';
import { PLUGIN_OPTIONS, RegisterPlugin } from 'plugboard';
import type { Callback, EpochContext } from './callback.js';
import { improves, monitoredMetric, type MonitoredMetric } from './monitored-metric.js';
import { trainerRegistry } from '../registry.js';
import { CheckpointService } from '../trainer/checkpoint-service.js';

/** Options of model_checkpoint. */
export const modelCheckpointOptions = z.object({
  /** The folder of `best.<ext>`. */
  dir: z.string().min(1).default('checkpoints'),
  monitor: monitoredMetric.default('val_loss'),
});

/** Options of model_checkpoint, as a user writes them. */
export type ModelCheckpointOptions = z.input<typeof modelCheckpointOptions>;

/**
 * Saves `<dir>/best.<ext>` whenever the monitored metric improves (Lightning ModelCheckpoint), in the selected
 * checkpoint format, through the CheckpointService the container injects.
 */
@RegisterPlugin({
  alias: 'model_checkpoint',
  kind: 'callback',
  registry: trainerRegistry,
  schema: modelCheckpointOptions,
  optionKeys: ['dir', 'monitor'],
  description: 'Save the best checkpoint by a monitored metric',
  recommendedWhen: 'you want the best epoch, not the last',
})
@injectable()
export class ModelCheckpoint implements Callback {
  readonly label: string;
  readonly outputDirectory: string;
  readonly #monitor: MonitoredMetric;
  readonly #checkpoints: CheckpointService;
  #best: number | undefined;

  constructor(
    @inject(PLUGIN_OPTIONS) options: ModelCheckpointOptions,
    @inject(CheckpointService) checkpoints: CheckpointService,
  ) {
    const { dir, monitor } = modelCheckpointOptions.parse(options);
    [this.outputDirectory, this.#monitor, this.#checkpoints] = [dir, monitor, checkpoints];
    this.label = `model_checkpoint (${dir}, best ${monitor})`;
  }

  async onEpochEnd(context: EpochContext): Promise<void> {
    const value = context.metrics[this.#monitor];
    if (value === undefined || !improves(this.#monitor, value, this.#best)) return;
    this.#best = value;
    await this.#checkpoints.save(this.outputDirectory, 'best', await context.checkpoint());
  }
}
