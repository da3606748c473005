import type { PluginResolver } from 'plugboard';
import type { Strategy } from './plugins.js';

/** A trainer service: it takes its strategy from the container by alias, as a framework would. */
export class TrainerService {
  readonly strategy: Strategy;

  constructor(resolver: PluginResolver, options: { strategy: string }) {
    this.strategy = resolver.resolve(options.strategy) as Strategy;
  }

  step(gradients: readonly number[]): string {
    return `${this.strategy.name}: ${this.strategy.allReduce(gradients).toFixed(2)}`;
  }
}
