import { PluginRegistry, RegisterPlugin } from 'plugboard';

/** The sample's own registry, so its tests do not share the global one. */
export const registry = new PluginRegistry();

/** What the trainer needs from a strategy. */
export interface Strategy {
  readonly name: string;
  /** Sums the gradients of all workers; a real strategy talks to other processes here. */
  allReduce(gradients: readonly number[]): number;
}

@RegisterPlugin({
  alias: 'ddp',
  kind: 'strategy',
  registry,
  params: { workers: 4 },
  description: 'Distributed data parallel',
  recommendedWhen: 'the model fits one device',
})
export class DdpStrategy implements Strategy {
  readonly name = 'ddp';

  constructor(readonly options: { workers: number }) {
    if (!process.env.WORLD_SIZE) {
      throw new Error('WORLD_SIZE is not set: ddp needs a launcher such as torchrun');
    }
  }

  allReduce(gradients: readonly number[]): number {
    return gradients.reduce((sum, value) => sum + value, 0) / this.options.workers;
  }
}
