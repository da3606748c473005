import { availableParallelism, freemem, totalmem } from 'node:os';
import type { RecommendationEnv } from 'plugboard';

/** What the trainer's `recommend` predicates look at: the machine and the model. */
export interface TrainerEnv {
  readonly cores: number;
  readonly freeMemoryBytes: number;
  readonly totalMemoryBytes: number;
  readonly parameters: number;
  /** Parameters, gradients and Adam's two moments of one replica, as float64. */
  readonly modelStateBytes: number;
}

/**
 * Below this many parameters a step is too short for worker threads to pay off: bench/ddp-speedup.ts gets
 * its speed-up at 67k parameters; the default 1,251-parameter model trains faster in the main thread.
 */
export const PARALLEL_THRESHOLD = 50_000;

/** The environment of this machine for a model of `parameters` parameters. */
export function trainerEnv(parameters: number): TrainerEnv {
  return {
    cores: availableParallelism(),
    freeMemoryBytes: freemem(),
    totalMemoryBytes: totalmem(),
    parameters,
    modelStateBytes: 4 * 8 * parameters,
  };
}

/** Reads a RecommendationEnv as the trainer's (missing numbers count as 0). */
export function recommendationEnv(env: RecommendationEnv): TrainerEnv {
  const number = (key: keyof TrainerEnv): number => (typeof env[key] === 'number' ? env[key] : 0);
  return {
    cores: number('cores'),
    freeMemoryBytes: number('freeMemoryBytes'),
    totalMemoryBytes: number('totalMemoryBytes'),
    parameters: number('parameters'),
    modelStateBytes: number('modelStateBytes'),
  };
}

/** The share of free memory that two full replicas of the model states (as ddp keeps them) would take. */
export function replicaShare(env: RecommendationEnv): number {
  const { freeMemoryBytes, modelStateBytes } = recommendationEnv(env);
  return freeMemoryBytes > 0 ? (2 * modelStateBytes) / freeMemoryBytes : 0;
}
