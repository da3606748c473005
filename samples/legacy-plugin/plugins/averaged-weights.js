import { registerPlugin } from 'plugboard';

/** Averages the weights of the last epochs: written against the trainer's 0.x callback interface. */
export class AveragedWeights {
  /** @param {{ epochs?: number }} options */
  constructor(options = {}) {
    this.epochs = options.epochs ?? 5;
  }
}

registerPlugin(AveragedWeights, {
  alias: 'averaged_weights',
  kind: 'callback',
  params: { epochs: 5 },
  optionKeys: ['epochs'],
  description: 'Average the weights of the last epochs (for trainer 0.x)',
});
