import { z } from 'zod';
import { PLUGIN_OPTIONS, RegisterPlugin, type SelectionView } from 'plugboard';
import type { PrecisionOptions, PrecisionPlugin } from './precision-plugin.js';
import { DataParallelStrategy, MAX_WORKERS } from './data-parallel-strategy.js';
import type { ParallelPlan } from '../engine/engine-config.js';
import { trainerRegistry } from '../registry.js';
import { PARALLEL_THRESHOLD, recommendationEnv } from '../services/recommendation-env.js';
import { CLOCK, type Clock } from '../services/clock.js';
import { LOG, type Log } from '../services/log.js';
import { WorkerPool } from '../services/worker-pool.js';
import { SELECTED } from '../trainer/plugin-tokens.js';

/** Options of the DDP strategies, checked by plugboard when registered and when overridden. */
export const ddpOptions = z.object({
  /** Worker threads (ranks). */
  workers: z.number().int().min(1).max(MAX_WORKERS).default(2),
  /** Count, every step, the parameters that got no gradient on any rank. */
  findUnusedParameters: z.boolean().default(false),
  /** Shard the optimizer state across workers (ZeRO stage 1, as FairScale's OSS). */
  shardOptimizerState: z.boolean().default(false),
});

/** Options of the DDP strategies, as a user writes them (every key optional). */
export type DdpOptions = z.input<typeof ddpOptions>;

/**
 * What every DDP variant registers with: the schema checks options (plugboard lists every problem), and
 * the option keys let plugboard refuse an unknown key with a did-you-mean.
 */
const registration = {
  // The constructor's parameters, in order, as container tokens: no parameter decorators, no metadata.
  inject: [PLUGIN_OPTIONS, SELECTED.precision, WorkerPool, LOG, CLOCK],
  kind: 'strategy',
  registry: trainerRegistry,
  schema: ddpOptions,
  optionKeys: Object.keys(ddpOptions.shape),
  // A rule between plugins, checked before anything is built: float16 gradients that underflow to zero
  // (loss scaling or not) would be counted as parameters without a gradient.
  check: ({ self, ofKind }: SelectionView): string | undefined => {
    const finds = (self.options as DdpOptions | undefined)?.findUnusedParameters === true;
    const half = ofKind('precision').find((p) => (p.options as PrecisionOptions | undefined)?.compute === 'float16');
    return finds && half
      ? `finding unused parameters needs gradients that do not underflow, and "${half.name}" computes in float16; ` +
          'use bf16-mixed or 32-true'
      : undefined;
  },
} as const;

/**
 * Distributed data parallel on worker threads: every worker holds a full replica of the model and of the
 * optimizer state, computes the gradient of its part of the global batch, and the gradients are averaged
 * across workers every step, so all replicas take the same step. `ddp_sharded` shards the optimizer state.
 */
@RegisterPlugin({
  alias: 'ddp',
  ...registration,
  params: { workers: 2 },
  description: 'Distributed data parallel on 2 worker threads, gradients averaged every step',
  recommendedWhen: 'the model fits in one worker and you want more throughput',
  recommend: (env) =>
    recommendationEnv(env).cores >= 2 && recommendationEnv(env).parameters >= PARALLEL_THRESHOLD ? 2 : 0,
})
@RegisterPlugin({
  alias: 'ddp_4',
  ...registration,
  params: { workers: 4 },
  description: 'Distributed data parallel on 4 worker threads',
  recommendedWhen: 'you have 4 or more cores',
  recommend: (env) =>
    recommendationEnv(env).cores >= 4 && recommendationEnv(env).parameters >= PARALLEL_THRESHOLD ? 3 : 0,
})
@RegisterPlugin({
  alias: 'ddp_find_unused_parameters_true',
  ...registration,
  params: { workers: 2, findUnusedParameters: true },
  description: 'DDP that also finds parameters without a gradient in a step (at some cost per step)',
  recommendedWhen: 'parts of the model get no gradient in some steps (dead ReLUs, conditional branches)',
})
// Lightning's names for plain DDP: its spawn start method and the explicit "false" spelling. Workers here are
// threads whatever the name, so these are the same variant as ddp.
@RegisterPlugin({
  alias: 'ddp_spawn',
  ...registration,
  params: { workers: 2 },
  description: "Lightning's ddp_spawn: here the same as ddp (2 worker threads)",
  recommendedWhen: 'a script written for Lightning names it',
})
@RegisterPlugin({
  alias: 'ddp_find_unused_parameters_false',
  ...registration,
  params: { workers: 2, findUnusedParameters: false },
  description: "Lightning's explicit spelling of ddp without finding unused parameters",
  recommendedWhen: 'a script written for Lightning names it',
})
@RegisterPlugin({
  alias: 'ddp_sharded',
  ...registration,
  params: { workers: 2, shardOptimizerState: true },
  description: 'Sharded data parallel: optimizer state split across workers',
  recommendedWhen: 'optimizer state dominates memory',
})
export class DdpStrategy extends DataParallelStrategy {
  readonly label: string;
  readonly plan: ParallelPlan;

  constructor(options: DdpOptions, precision: PrecisionPlugin, pool: WorkerPool, log: Log, clock: Clock) {
    super({ precision, pool, log, clock });
    const { workers: worldSize, findUnusedParameters, shardOptimizerState: sharded } = ddpOptions.parse(options);
    this.plan = {
      worldSize,
      stage: sharded ? 1 : 0,
      offloadOptimizer: false,
      offloadParameters: false,
      findUnusedParameters,
    };
    const extras = [sharded ? 'sharded optimizer state' : '', findUnusedParameters ? 'find unused parameters' : ''];
    this.label = `ddp (${[`${String(worldSize)} workers`, ...extras.filter(Boolean)].join(', ')})`;
  }
}
