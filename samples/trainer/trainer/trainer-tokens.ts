import type { ServiceIdentifier } from 'inversify';
import type { PluginRegistry, ResolutionScope } from 'plugboard';
import type { TrainerOptions } from './trainer-options.js';

/** The container token of a trainer's options. */
export const TRAINER_OPTIONS: ServiceIdentifier<TrainerOptions> = Symbol.for(
  'plugboard.samples.trainer.TrainerOptions',
);

/** The container token of the registry the trainer's plugins come from. */
export const TRAINER_REGISTRY: ServiceIdentifier<PluginRegistry> = Symbol.for(
  'plugboard.samples.trainer.PluginRegistry',
);

/** The container token of the resolution scope that builds, and owns, the run's plugins. */
export const TRAINER_SCOPE: ServiceIdentifier<ResolutionScope> = Symbol.for(
  'plugboard.samples.trainer.ResolutionScope',
);
