import type { ServiceIdentifier } from 'inversify';

/** Where the trainer reads the time: epoch durations, worker start-up. Tests bind a fake one. */
export interface Clock {
  /** Milliseconds from an arbitrary origin (`performance.now()`). */
  now(): number;
}

/** The container token of the Clock. */
export const CLOCK: ServiceIdentifier<Clock> = Symbol.for('plugboard.samples.trainer.Clock');

/** The real clock. */
export const systemClock: Clock = { now: () => performance.now() };
