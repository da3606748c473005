import type { Checkpoint } from '../checkpoint/checkpoint.js';
import type { StepReport } from '../engine/epoch-totals.js';
import type { LoggedMetrics } from './metrics-logger.js';

/** What a callback sees at the end of an epoch's validation and of the epoch, and what it may do. */
export interface EpochContext {
  readonly epoch: number;
  /** Optimizer steps taken since the run began (before any resume included). */
  readonly globalStep: number;
  /** The epoch's metrics; callbacks may add values with `log` before the loggers receive them. */
  readonly metrics: LoggedMetrics;
  readonly learningRate: number;
  /** Adds values to what the loggers receive for this epoch. */
  log(values: LoggedMetrics): void;
  /** Ends training after this epoch, saying why. */
  stop(reason: string): void;
  /** The whole training state as a checkpoint (gathered from the workers once per epoch, on demand). */
  checkpoint(): Promise<Checkpoint>;
}

/** What a callback sees when fitting starts. */
export interface FitStartContext {
  /** The first epoch this fit trains (after a resume, the one after the checkpoint's). */
  readonly firstEpoch: number;
  readonly maxEpochs: number;
  /** The checkpoint the run resumed from, if any. */
  readonly resumedFrom: string | undefined;
}

/** What a callback sees when fitting ends normally. */
export interface FitEndContext {
  readonly lastEpoch: number;
  /** Why a callback stopped training early, if one did. */
  readonly stoppedBecause: string | undefined;
}

/**
 * A plugin of kind 'callback' (non-exclusive), with the hooks of Lightning's callbacks a user reaches for first;
 * each is optional, a callback has at least one. They run in the order the callbacks are selected, and each
 * may be async (awaited before the next). A callback that also implements Stateful has its state saved in
 * every checkpoint and restored on resume.
 */
export interface Callback {
  readonly label: string;
  /** The folder it writes into, checked for write access before training starts. */
  readonly outputDirectory?: string | undefined;
  /** Before the first epoch (after a resumed state was loaded). */
  onFitStart?(context: FitStartContext): void | Promise<void>;
  /** After every optimizer step, with rank 0's report (called synchronously: keep it quick). */
  onTrainBatchEnd?(report: StepReport): void;
  /** After the epoch's validation, before `onEpochEnd`. */
  onValidationEnd?(context: EpochContext): void | Promise<void>;
  /** At the end of every epoch, before the loggers get its metrics and `last` is saved. */
  onEpochEnd?(context: EpochContext): void | Promise<void>;
  /** After the last epoch, when fitting ends without an error. */
  onFitEnd?(context: FitEndContext): void | Promise<void>;
  /** When fitting fails or is interrupted; the error is rethrown after every callback has seen it. */
  onException?(error: unknown): void | Promise<void>;
}

const hooks = ['onFitStart', 'onTrainBatchEnd', 'onValidationEnd', 'onEpochEnd', 'onFitEnd', 'onException'] as const;

/** True if `value` has a callback's shape: an object with at least one hook. */
export function isCallback(value: unknown): value is Callback {
  return (
    typeof value === 'object' &&
    value !== null &&
    hooks.some((hook) => typeof (value as Record<string, unknown>)[hook] === 'function')
  );
}
