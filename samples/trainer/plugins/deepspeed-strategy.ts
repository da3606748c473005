import { RegisterPlugin } from 'plugboard';
import { DataParallelStrategy, MAX_WORKERS } from './data-parallel-strategy.js';
import { OptionsReader } from './options-reader.js';
import type { ParallelPlan, ZeroStage } from '../engine/engine-config.js';
import { trainerRegistry } from '../registry.js';

/** Options of the DeepSpeed ZeRO strategies. */
export interface DeepSpeedOptions {
  /** 1: shard optimizer state; 2: + gradients; 3: + parameters. Default 2. */
  readonly stage?: 1 | 2 | 3;
  /** Worker threads (ranks). Default 2. */
  readonly workers?: number;
  /** Keep the optimizer state in the main thread, which runs the optimizer step. Default false. */
  readonly offloadOptimizer?: boolean;
  /** Keep the parameters in the main thread too (stage 3 with offloadOptimizer only). Default false. */
  readonly offloadParameters?: boolean;
}

const STAGES: readonly ZeroStage[] = [1, 2, 3];

/**
 * ZeRO-style data parallel (DeepSpeed's Zero Redundancy Optimizer) on worker threads: like DDP, but each worker
 * keeps only its shard of the optimizer state (stage 1), of the gradients (stage 2, reduce-scatter) and of the
 * parameters (stage 3, all-gathered from shared memory when computing). Offload moves the optimizer state (and
 * optionally the parameters) to the main thread. Every stage takes exactly the same steps as DDP.
 */
@RegisterPlugin({
  alias: 'deepspeed',
  kind: 'strategy',
  registry: trainerRegistry,
  params: { stage: 2 },
  description: 'DeepSpeed ZeRO stage 2: optimizer state and gradients sharded',
  recommendedWhen: 'model states do not fit one worker',
})
@RegisterPlugin({
  alias: 'deepspeed_zero_1',
  kind: 'strategy',
  registry: trainerRegistry,
  params: { stage: 1 },
  description: 'ZeRO stage 1: optimizer state sharded across workers',
  recommendedWhen: 'optimizer state dominates memory',
})
@RegisterPlugin({
  alias: 'deepspeed_zero_2',
  kind: 'strategy',
  registry: trainerRegistry,
  params: { stage: 2 },
  description: 'ZeRO stage 2: optimizer state and gradients sharded',
  recommendedWhen: 'optimizer state and gradients do not fit one worker',
})
@RegisterPlugin({
  alias: 'deepspeed_zero_3',
  kind: 'strategy',
  registry: trainerRegistry,
  params: { stage: 3 },
  description: 'ZeRO stage 3: optimizer state, gradients and parameters sharded',
  recommendedWhen: 'even the parameters do not fit one worker',
})
@RegisterPlugin({
  alias: 'deepspeed_zero_3_offload',
  kind: 'strategy',
  registry: trainerRegistry,
  params: { stage: 3, offloadOptimizer: true, offloadParameters: true },
  description: 'ZeRO stage 3 with optimizer state and parameters offloaded to the host',
  recommendedWhen: 'largest models, little worker memory',
})
export class DeepSpeedStrategy extends DataParallelStrategy {
  readonly label: string;
  readonly plan: ParallelPlan;

  constructor(options: DeepSpeedOptions = {}) {
    super();
    const reader = new OptionsReader(options);
    const stage = reader.oneOf('stage', STAGES, 2);
    const worldSize = reader.integer('workers', 2, 1, MAX_WORKERS);
    const offloadOptimizer = reader.boolean('offloadOptimizer', false);
    const offloadParameters = reader.boolean('offloadParameters', false);
    if (offloadParameters && !(stage === 3 && offloadOptimizer)) {
      reader.problem('offloadParameters needs stage 3 and offloadOptimizer');
    }
    reader.done();
    this.plan = { worldSize, stage, offloadOptimizer, offloadParameters, findUnusedParameters: false };
    const offload = offloadParameters
      ? ', offload optimizer + parameters'
      : offloadOptimizer
        ? ', offload optimizer'
        : '';
    this.label = `deepspeed (ZeRO stage ${String(stage)}, ${String(worldSize)} workers${offload})`;
  }
}
