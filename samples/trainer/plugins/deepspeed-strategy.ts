import { z } from 'zod';
import { PLUGIN_OPTIONS, RegisterPlugin } from 'plugboard';
import type { PrecisionPlugin } from './precision-plugin.js';
import { DataParallelStrategy, MAX_WORKERS } from './data-parallel-strategy.js';
import type { ParallelPlan } from '../engine/engine-config.js';
import { trainerRegistry } from '../registry.js';
import { replicaShare } from '../services/recommendation-env.js';
import { CLOCK, type Clock } from '../services/clock.js';
import { LOG, type Log } from '../services/log.js';
import { WorkerPool } from '../services/worker-pool.js';
import { SELECTED } from '../trainer/plugin-tokens.js';

/** Options of the DeepSpeed ZeRO strategies, checked by plugboard when registered and when overridden. */
export const deepSpeedOptions = z
  .object({
    /** 1: shard optimizer state; 2: + gradients; 3: + parameters. */
    stage: z.literal([1, 2, 3]).default(2),
    /** Worker threads (ranks). */
    workers: z.number().int().min(1).max(MAX_WORKERS).default(2),
    /** Keep the optimizer state in the main thread, which runs the optimizer step. */
    offloadOptimizer: z.boolean().default(false),
    /** Keep the parameters in the main thread too (stage 3 with offloadOptimizer only). */
    offloadParameters: z.boolean().default(false),
  })
  .refine((options) => !options.offloadParameters || (options.stage === 3 && options.offloadOptimizer), {
    error: 'offloadParameters needs stage 3 and offloadOptimizer',
    path: ['offloadParameters'],
  });

/** Options of the DeepSpeed ZeRO strategies, as a user writes them (every key optional). */
export type DeepSpeedOptions = z.input<typeof deepSpeedOptions>;

/**
 * What every DeepSpeed variant registers with: the schema checks options (plugboard lists every problem), and
 * the option keys let plugboard refuse an unknown key with a did-you-mean.
 */
const registration = {
  // The constructor's parameters, in order, as container tokens: no parameter decorators, no metadata.
  inject: [PLUGIN_OPTIONS, SELECTED.precision, WorkerPool, LOG, CLOCK],
  kind: 'strategy',
  registry: trainerRegistry,
  schema: deepSpeedOptions,
  optionKeys: Object.keys(deepSpeedOptions.shape),
} as const;

/**
 * ZeRO-style data parallel (DeepSpeed's Zero Redundancy Optimizer) on worker threads: like DDP, but each worker
 * keeps only its shard of the optimizer state (stage 1), of the gradients (stage 2, reduce-scatter) and of the
 * parameters (stage 3, all-gathered from shared memory when computing). Offload moves the optimizer state (and
 * optionally the parameters) to the main thread. Every stage takes exactly the same steps as DDP.
 */
@RegisterPlugin({
  alias: 'deepspeed',
  ...registration,
  params: { stage: 2 },
  description: 'DeepSpeed ZeRO stage 2: optimizer state and gradients sharded',
  recommendedWhen: 'model states do not fit one worker',
})
@RegisterPlugin({
  alias: 'deepspeed_zero_1',
  ...registration,
  params: { stage: 1 },
  description: 'ZeRO stage 1: optimizer state sharded across workers',
  recommendedWhen: 'optimizer state dominates memory',
})
@RegisterPlugin({
  alias: 'deepspeed_zero_2',
  ...registration,
  params: { stage: 2 },
  description: 'ZeRO stage 2: optimizer state and gradients sharded',
  recommendedWhen: 'optimizer state and gradients do not fit one worker',
})
@RegisterPlugin({
  alias: 'deepspeed_zero_3',
  ...registration,
  params: { stage: 3 },
  description: 'ZeRO stage 3: optimizer state, gradients and parameters sharded',
  recommendedWhen: 'even the parameters do not fit one worker',
  recommend: (env) => (replicaShare(env) > 0.25 ? 4 : 0),
})
@RegisterPlugin({
  alias: 'deepspeed_zero_3_offload',
  ...registration,
  params: { stage: 3, offloadOptimizer: true, offloadParameters: true },
  description: 'ZeRO stage 3 with optimizer state and parameters offloaded to the host',
  recommendedWhen: 'largest models, little worker memory',
  recommend: (env) => (replicaShare(env) > 0.5 ? 5 : 0),
})
// Lightning's own names for the same variants (its strategy registry registers these today): first-class
// aliases, not deprecated ones. Lightning's NVMe offload has no counterpart here.
@RegisterPlugin({
  alias: 'deepspeed_stage_1',
  ...registration,
  params: { stage: 1 },
  description: "ZeRO stage 1 (Lightning's name): optimizer state sharded",
  recommendedWhen: 'optimizer state dominates memory',
})
@RegisterPlugin({
  alias: 'deepspeed_stage_1_offload',
  ...registration,
  params: { stage: 1, offloadOptimizer: true },
  description: "ZeRO stage 1 with the optimizer state offloaded to the host (Lightning's name)",
  recommendedWhen: 'optimizer state does not fit the workers',
})
@RegisterPlugin({
  alias: 'deepspeed_stage_2',
  ...registration,
  params: { stage: 2 },
  description: "ZeRO stage 2 (Lightning's name): optimizer state and gradients sharded",
  recommendedWhen: 'optimizer state and gradients do not fit one worker',
})
@RegisterPlugin({
  alias: 'deepspeed_stage_2_offload',
  ...registration,
  params: { stage: 2, offloadOptimizer: true },
  description: "ZeRO stage 2 with the optimizer state offloaded to the host (Lightning's name)",
  recommendedWhen: 'gradients fit the workers but the optimizer state does not',
})
@RegisterPlugin({
  alias: 'deepspeed_stage_3',
  ...registration,
  params: { stage: 3 },
  description: "ZeRO stage 3 (Lightning's name): optimizer state, gradients and parameters sharded",
  recommendedWhen: 'even the parameters do not fit one worker',
})
@RegisterPlugin({
  alias: 'deepspeed_stage_3_offload',
  ...registration,
  params: { stage: 3, offloadOptimizer: true, offloadParameters: true },
  description: "ZeRO stage 3 with optimizer state and parameters offloaded to the host (Lightning's name)",
  recommendedWhen: 'largest models, little worker memory',
})
export class DeepSpeedStrategy extends DataParallelStrategy {
  readonly label: string;
  readonly plan: ParallelPlan;

  constructor(options: DeepSpeedOptions, precision: PrecisionPlugin, pool: WorkerPool, log: Log, clock: Clock) {
    super({ precision, pool, log, clock });
    const { stage, workers: worldSize, offloadOptimizer, offloadParameters } = deepSpeedOptions.parse(options);
    this.plan = { worldSize, stage, offloadOptimizer, offloadParameters, findUnusedParameters: false };
    const offload = offloadParameters
      ? ', offload optimizer + parameters'
      : offloadOptimizer
        ? ', offload optimizer'
        : '';
    this.label = `deepspeed (ZeRO stage ${String(stage)}, ${String(worldSize)} workers${offload})`;
  }
}
