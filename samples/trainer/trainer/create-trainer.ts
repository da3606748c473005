import type { ServiceIdentifier } from 'inversify';
import { createPluginContainer, PluginResolver, type PluginRegistry } from 'plugboard';
import { Trainer } from './trainer.js';
import type { TrainerOptions } from './trainer-options.js';
import '../plugins/index.js';
import { trainerRegistry } from '../registry.js';

/** The container token of a trainer's options. */
export const TRAINER_OPTIONS: ServiceIdentifier<TrainerOptions> = Symbol.for(
  'plugboard.samples.trainer.TrainerOptions',
);

/**
 * A Trainer built by an inversify container made with `createPluginContainer({ registry })`: the container
 * injects the PluginResolver, through which the trainer resolves its `plugins` option.
 *
 * @example
 * const trainer = createTrainer({ plugins: 'ddp', maxEpochs: 5 });
 */
export function createTrainer(options: TrainerOptions = {}, registry: PluginRegistry = trainerRegistry): Trainer {
  const container = createPluginContainer({ registry });
  container.bind(TRAINER_OPTIONS).toConstantValue(options);
  container
    .bind(Trainer)
    .toResolvedValue(
      (resolver: PluginResolver, trainerOptions: TrainerOptions) => new Trainer(resolver, registry, trainerOptions),
      [PluginResolver, TRAINER_OPTIONS],
    );
  return container.get(Trainer);
}
