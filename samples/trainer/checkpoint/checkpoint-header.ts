import type { Checkpoint } from './checkpoint.js';
import type { LossScalerState } from '../optim/loss-scaler.js';
import type { SavedPluginState } from '../plugins/stateful.js';
import { epochMetricKeys, type EpochMetrics } from '../trainer/epoch-metrics.js';
import type { RunConfig } from '../trainer/run-config.js';

const FORMAT = 'plugboard-trainer-checkpoint';
const VERSION = 1;

/** A checkpoint without its three large vectors: what a format stores as JSON. */
export interface CheckpointHeader {
  readonly format: typeof FORMAT;
  readonly version: typeof VERSION;
  readonly run: RunConfig;
  readonly plugins: Checkpoint['plugins'];
  readonly history: readonly EpochMetrics[];
  readonly epoch: number;
  readonly globalStep: number;
  readonly optimizerStep: number;
  readonly lossScale: LossScalerState | null;
  readonly pluginStates: Checkpoint['pluginStates'];
  readonly lock: unknown;
}

/** The three vectors of a checkpoint. */
export interface CheckpointVectors {
  readonly parameters: Float64Array;
  readonly firstMoment: Float64Array;
  readonly secondMoment: Float64Array;
}

/** Splits a checkpoint into its header and vectors. */
export function splitCheckpoint(checkpoint: Checkpoint): { header: CheckpointHeader; vectors: CheckpointVectors } {
  const { run, plugins, history, state, pluginStates, lock } = checkpoint;
  return {
    header: {
      format: FORMAT,
      version: VERSION,
      run,
      plugins,
      history,
      epoch: state.epoch,
      globalStep: state.globalStep,
      optimizerStep: state.optimizer.step,
      lossScale: state.lossScale ?? null,
      pluginStates,
      lock: lock ?? null,
    },
    vectors: {
      parameters: state.parameters,
      firstMoment: state.optimizer.firstMoment,
      secondMoment: state.optimizer.secondMoment,
    },
  };
}

/** Checks a decoded header and joins it with its vectors; throws an Error naming `source` and the problem. */
export function joinCheckpoint(header: unknown, vectors: CheckpointVectors, source: string): Checkpoint {
  const fail = (problem: string): never => {
    throw new Error(`${source} is not a trainer checkpoint: ${problem}.`);
  };
  const record = asRecord(header) ?? fail('no header');
  if (record.format !== FORMAT) fail(`format is ${JSON.stringify(record.format)}, expected "${FORMAT}"`);
  if (record.version !== VERSION) fail(`version ${JSON.stringify(record.version)} is not supported`);
  const { parameters, firstMoment, secondMoment } = vectors;
  if (firstMoment.length !== parameters.length || secondMoment.length !== parameters.length) {
    fail('the optimizer state does not match the parameters');
  }
  const plugins = asRecord(record.plugins);
  const lossScale = record.lossScale === null ? undefined : asRecord(record.lossScale);
  return {
    run: readRunConfig(record.run) ?? fail('run config is malformed'),
    plugins: {
      strategy: typeof plugins?.strategy === 'string' ? plugins.strategy : '?',
      precision: typeof plugins?.precision === 'string' ? plugins.precision : '?',
    },
    history: readHistory(record.history) ?? fail('history is malformed'),
    pluginStates:
      record.pluginStates === undefined
        ? {}
        : (readPluginStates(record.pluginStates) ?? fail('pluginStates is malformed')),
    lock: record.lock ?? undefined,
    state: {
      epoch: readCount(record.epoch) ?? fail('epoch is malformed'),
      globalStep: readCount(record.globalStep) ?? fail('globalStep is malformed'),
      parameters,
      optimizer: {
        step: readCount(record.optimizerStep) ?? fail('optimizerStep is malformed'),
        firstMoment,
        secondMoment,
      },
      lossScale:
        lossScale === undefined
          ? undefined
          : typeof lossScale.scale === 'number' && typeof lossScale.growthTracker === 'number'
            ? { scale: lossScale.scale, growthTracker: lossScale.growthTracker }
            : fail('lossScale is malformed'),
    },
  };
}

/** JSON.stringify's replacer that keeps NaN, the infinities and -0 (as strings, which JSON can hold). */
export function encodeSpecialNumbers(_key: string, value: unknown): unknown {
  if (typeof value !== 'number') return value;
  if (!Number.isFinite(value)) return String(value);
  return Object.is(value, -0) ? '-0' : value;
}

/** JSON.parse's reviver that undoes `encodeSpecialNumbers`. */
export function decodeSpecialNumbers(_key: string, value: unknown): unknown {
  return value === 'NaN' || value === 'Infinity' || value === '-Infinity' || value === '-0' ? Number(value) : value;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function readCount(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

function readRunConfig(value: unknown): RunConfig | undefined {
  const run = asRecord(value);
  const data = asRecord(run?.data);
  if (!run || !data) return undefined;
  const { seed, batchSize, hidden, activation, learningRate } = run;
  const { pointsPerClass, validationPointsPerClass, classes, noise, turns } = data;
  const numbers = [seed, batchSize, learningRate, pointsPerClass, validationPointsPerClass, classes, noise, turns];
  if (
    !numbers.every(isNumber) ||
    (activation !== 'tanh' && activation !== 'relu') ||
    !Array.isArray(hidden) ||
    !hidden.every(isNumber)
  ) {
    return undefined;
  }
  return {
    seed: Number(seed),
    batchSize: Number(batchSize),
    hidden,
    activation,
    learningRate: Number(learningRate),
    data: {
      pointsPerClass: Number(pointsPerClass),
      validationPointsPerClass: Number(validationPointsPerClass),
      classes: Number(classes),
      noise: Number(noise),
      turns: Number(turns),
    },
  };
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number';
}

function readHistory(value: unknown): EpochMetrics[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const history: EpochMetrics[] = [];
  for (const item of value) {
    const metrics = asRecord(item);
    if (!metrics || !epochMetricKeys.every((key) => typeof metrics[key] === 'number')) return undefined;
    history.push(metrics as unknown as EpochMetrics);
  }
  return history;
}

function readPluginStates(value: unknown): Checkpoint['pluginStates'] | undefined {
  const states = asRecord(value);
  if (!states) return undefined;
  const read: [string, SavedPluginState][] = [];
  for (const [key, item] of Object.entries(states)) {
    const saved = asRecord(item);
    if (!saved || typeof saved.version !== 'number' || !('state' in saved)) return undefined;
    read.push([key, { version: saved.version, state: saved.state }]);
  }
  // fromEntries defines own properties: a "__proto__" key from a file stays a key.
  return Object.fromEntries(read);
}
