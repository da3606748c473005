import type { Strategy, StrategySession, TrainingSetup } from './strategy.js';
import type { ParallelPlan } from '../engine/engine-config.js';
import { WorkerGroup } from '../worker/worker-group.js';

/** The most worker threads a strategy accepts. */
export const MAX_WORKERS = 64;

/**
 * The base of the worker-thread strategies: each worker is a rank that computes its part of every global
 * batch; gradients are summed across ranks through shared memory each step. Subclasses choose the plan:
 * how many workers, and which model states (optimizer state, gradients, parameters) are sharded or offloaded.
 */
export abstract class DataParallelStrategy implements Strategy {
  abstract readonly label: string;
  abstract readonly plan: ParallelPlan;

  async launch(setup: TrainingSetup): Promise<StrategySession> {
    const group = await WorkerGroup.start(setup.config, this.plan, setup.data, setup.state);
    return {
      memory: group.memory,
      runEpoch: (epoch, onStep) => group.runEpoch(epoch, onStep),
      state: (epoch) => group.state(epoch),
      close: () => group.close(),
    };
  }
}
