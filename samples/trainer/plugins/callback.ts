import type { Checkpoint } from '../checkpoint/checkpoint.js';
import type { LoggedMetrics } from './metrics-logger.js';

/** What a callback sees at the end of an epoch, and what it may do. */
export interface EpochContext {
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

/** A plugin of kind 'callback' (non-exclusive): runs at the end of every epoch, as Lightning's callbacks. */
export interface Callback {
  readonly label: string;
  /** The folder it writes into, checked for write access before training starts. */
  readonly outputDirectory?: string | undefined;
  onEpochEnd(context: EpochContext): void | Promise<void>;
}

/** True if `value` has a callback's shape. */
export function isCallback(value: unknown): value is Callback {
  return typeof value === 'object' && value !== null && 'onEpochEnd' in value && typeof value.onEpochEnd === 'function';
}
