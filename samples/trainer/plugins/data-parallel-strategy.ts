import type { PrecisionPlugin } from './precision-plugin.js';
import type { Strategy, StrategySession, TrainingSetup } from './strategy.js';
import type { ParallelPlan } from '../engine/engine-config.js';
import type { Clock } from '../services/clock.js';
import type { Log } from '../services/log.js';
import type { WorkerPool } from '../services/worker-pool.js';
import { WorkerGroup } from '../worker/worker-group.js';

/** The most worker threads a strategy accepts. */
export const MAX_WORKERS = 64;

/** What the container gives every data-parallel strategy besides its options. */
export interface DataParallelServices {
  readonly precision: PrecisionPlugin;
  readonly pool: WorkerPool;
  readonly log: Log;
  readonly clock: Clock;
}

/**
 * The base of the worker-thread strategies: each worker is a rank that computes its part of every global
 * batch; gradients are summed across ranks through shared memory each step. Subclasses choose the plan:
 * how many workers, and which model states (optimizer state, gradients, parameters) are sharded or offloaded.
 * The workers come from the container's WorkerPool, the numeric formats from the injected precision plugin.
 */
export abstract class DataParallelStrategy implements Strategy {
  abstract readonly label: string;
  abstract readonly plan: ParallelPlan;
  readonly precision: PrecisionPlugin;
  readonly #services: DataParallelServices;
  readonly #groups = new Set<WorkerGroup>();

  constructor(services: DataParallelServices) {
    this.precision = services.precision;
    this.#services = services;
  }

  async launch(setup: TrainingSetup): Promise<StrategySession> {
    const { pool, log, clock } = this.#services;
    const began = clock.now();
    const config = { ...setup.config, ...this.precision.formats };
    const group = await WorkerGroup.start((data) => pool.spawn(data), config, this.plan, setup.data, setup.state);
    this.#groups.add(group);
    log.info(
      `${this.label}: ${String(this.plan.worldSize)} worker threads ready in ${(clock.now() - began).toFixed(0)} ms`,
    );
    return {
      memory: group.memory,
      runEpoch: (epoch, onStep) => group.runEpoch(epoch, onStep),
      state: (epoch) => group.state(epoch),
      close: async () => {
        this.#groups.delete(group);
        await group.close();
      },
    };
  }

  /** Ends the workers of every session still open: whoever owns the strategy (a resolution scope) disposes it. */
  async [Symbol.asyncDispose](): Promise<void> {
    const groups = [...this.#groups];
    this.#groups.clear();
    await Promise.all(groups.map((group) => group.close()));
  }
}
