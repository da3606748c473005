/**
 * The RFC's example as a program: strategies registered by alias, the listing with descriptions and
 * recommendations, and a small trainer that gets its strategy by alias from the container.
 *
 *   npx tsx samples/quickstart/main.ts [alias]
 */
import 'reflect-metadata';
import { PluginError, PluginResolver, RegisterPlugin, createPluginContainer, pluginsRegistry } from 'plugboard';

interface DeepSpeedOptions {
  stage: 1 | 2 | 3;
  offloadOptimizer?: boolean;
  offloadParameters?: boolean;
}

@RegisterPlugin({
  alias: 'deepspeed',
  kind: 'strategy',
  params: { stage: 2 },
  description: 'DeepSpeed ZeRO stage 2',
  recommendedWhen: 'model states do not fit one device',
})
@RegisterPlugin({
  alias: 'deepspeed_zero_3_offload',
  kind: 'strategy',
  params: { stage: 3, offloadOptimizer: true, offloadParameters: true },
  description: 'ZeRO stage 3 with CPU offload',
  recommendedWhen: 'largest models, little GPU memory',
})
class DeepSpeedStrategy {
  constructor(readonly options: DeepSpeedOptions) {}

  describe(): string {
    const offload = this.options.offloadOptimizer ? ', optimizer offloaded to CPU' : '';
    return `DeepSpeed ZeRO stage ${String(this.options.stage)}${offload}`;
  }
}

@RegisterPlugin('ddp', 'Distributed data parallel', 'the model fits one device')
class DdpStrategy {
  describe(): string {
    return 'DDP: one model replica per device, gradients all-reduced';
  }
}

@RegisterPlugin('ddp_sharded', 'Sharded data parallel', 'optimizer state dominates memory')
class ShardedStrategy {
  describe(): string {
    return 'Sharded DDP: optimizer state split across devices';
  }
}

interface Strategy {
  describe(): string;
}

/** A trainer service: it asks the container's PluginResolver for its strategy by alias. */
class Trainer {
  readonly strategy: Strategy;

  constructor(resolver: PluginResolver, options: { strategy: string }) {
    this.strategy = resolver.resolve(options.strategy) as Strategy;
  }

  fit(): string {
    return `Training with ${this.strategy.describe()}`;
  }
}

console.log('Available plugins:');
for (const line of pluginsRegistry.availablePlugins({ withDescriptions: true, withRecommendations: true })) {
  console.log(`  ${line}`);
}

const container = createPluginContainer();
const alias = process.argv[2] ?? 'deepspeed_zero_3_offload';
try {
  const trainer = new Trainer(container.get(PluginResolver), { strategy: alias });
  console.log(`\n${trainer.fit()}`);
} catch (error) {
  if (!PluginError.is(error)) throw error;
  console.error(`\n${error.message}`);
  process.exitCode = 2;
}
// Exported for other modules and tests; registering needs only the decorators above.
export { DdpStrategy, DeepSpeedStrategy, ShardedStrategy };
