import type { ServiceIdentifier } from 'inversify';

/** Diagnostic messages of the trainer's services (workers started, checkpoints written): not metrics. */
export interface Log {
  info(message: string): void;
}

/** The container token of the Log. */
export const LOG: ServiceIdentifier<Log> = Symbol.for('plugboard.samples.trainer.Log');

/** A log that drops every message: the default of a Trainer made in code. */
export const silentLog: Log = { info: () => undefined };
