import type { Activation, MlpShape } from '../model/mlp-layout.js';

/** The data set of a run: interleaved spirals, drawn from the run's seed. */
export interface DataConfig {
  readonly pointsPerClass: number;
  readonly validationPointsPerClass: number;
  readonly classes: number;
  readonly noise: number;
  readonly turns: number;
}

/**
 * What defines a run's numbers apart from its plugins: a checkpoint can only be resumed by a run with the same
 * config (any strategy, precision or checkpoint format may continue it).
 */
export interface RunConfig {
  readonly seed: number;
  readonly batchSize: number;
  readonly hidden: readonly number[];
  readonly activation: Activation;
  readonly learningRate: number;
  readonly data: DataConfig;
}

/** The default run: 3 spiral arms, 300 training points each, an MLP 2 -> 32 -> 32 -> 3 with tanh. */
export const defaultRunConfig: RunConfig = {
  seed: 7,
  batchSize: 32,
  hidden: [32, 32],
  activation: 'tanh',
  learningRate: 0.02,
  data: { pointsPerClass: 300, validationPointsPerClass: 100, classes: 3, noise: 0.15, turns: 1 },
};

/** The names of the fields in which two run configs differ (`data.noise`, `hidden`, ...). */
export function runConfigDifferences(a: RunConfig, b: RunConfig): string[] {
  const differences: string[] = [];
  const compare = (path: string, x: unknown, y: unknown): void => {
    if (JSON.stringify(x) !== JSON.stringify(y)) differences.push(path);
  };
  for (const key of ['seed', 'batchSize', 'hidden', 'activation', 'learningRate'] as const)
    compare(key, a[key], b[key]);
  for (const key of Object.keys(a.data) as (keyof DataConfig)[]) compare(`data.${key}`, a.data[key], b.data[key]);
  return differences;
}

/** Throws a RangeError listing every field of `run` that cannot train (sizes must be positive integers). */
export function assertRunConfig(run: RunConfig): void {
  const problems: string[] = [];
  const positiveInteger = (name: string, value: number): void => {
    if (!Number.isInteger(value) || value < 1)
      problems.push(`${name} must be a positive integer, got ${String(value)}`);
  };
  positiveInteger('batchSize', run.batchSize);
  run.hidden.forEach((width, layer) => {
    positiveInteger(`hidden[${String(layer)}]`, width);
  });
  positiveInteger('data.pointsPerClass', run.data.pointsPerClass);
  positiveInteger('data.validationPointsPerClass', run.data.validationPointsPerClass);
  if (!Number.isInteger(run.data.classes) || run.data.classes < 2) problems.push('data.classes must be at least 2');
  if (!(run.learningRate > 0)) problems.push(`learningRate must be positive, got ${String(run.learningRate)}`);
  if (problems.length > 0) throw new RangeError(`Invalid trainer options: ${problems.join('; ')}.`);
}

/** The MLP of a run: 2 inputs, the hidden widths, one output per class. */
export function modelShape(run: RunConfig): MlpShape {
  return { layers: [2, ...run.hidden, run.data.classes], activation: run.activation };
}
