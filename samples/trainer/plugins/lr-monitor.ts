import { RegisterPlugin } from 'plugboard';
import type { Callback, EpochContext } from './callback.js';
import { trainerRegistry } from '../registry.js';

/** Adds the learning rate to every epoch's logged metrics as `lr` (Lightning LearningRateMonitor). */
@RegisterPlugin({
  alias: 'lr_monitor',
  kind: 'callback',
  registry: trainerRegistry,
  // Its `lr` goes into the epoch's metrics before any other callback reads them.
  order: 'first',
  description: 'Log the learning rate with the metrics of every epoch',
  recommendedWhen: 'you tune the learning rate',
})
export class LearningRateMonitor implements Callback {
  readonly label = 'lr_monitor';

  onEpochEnd(context: EpochContext): void {
    context.log({ lr: context.learningRate });
  }
}
