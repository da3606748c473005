import { parseModelSize, type CliOptions } from './parse-cli-options.js';
import type { TrainerConfigFile } from './trainer-config.js';
import { UsageError } from './usage-error.js';

/** A run's settings besides its plugins: each from its flag, else from the config file, else the default. */
export interface RunSettings {
  readonly epochs: number | undefined;
  readonly seed: number | undefined;
  /** Hidden layer widths. */
  readonly hidden: readonly number[] | undefined;
  readonly batchSize: number | undefined;
  readonly learningRate: number | undefined;
  readonly checkpointDir: string | undefined;
  readonly resume: string | undefined;
  readonly report: string | undefined;
  readonly setupTimeoutMs: number | undefined;
}

/** Merges the command line over the config file (read from `path`): a flag given wins over the file's key. */
export function runSettings(cli: CliOptions, file: TrainerConfigFile | undefined, path = ''): RunSettings {
  let fileHidden: readonly number[] | undefined;
  try {
    fileHidden = parseModelSize(file?.modelSize);
  } catch (error) {
    throw new UsageError(`The config file ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    epochs: cli.epochs ?? file?.epochs,
    seed: cli.seed ?? file?.seed,
    hidden: cli.hidden ?? fileHidden,
    batchSize: cli.batchSize ?? file?.batchSize,
    learningRate: cli.learningRate ?? file?.learningRate,
    checkpointDir: cli.checkpointDir ?? file?.checkpointDir,
    resume: cli.resume ?? file?.resume,
    report: cli.report ?? file?.report,
    setupTimeoutMs: cli.setupTimeout ?? file?.setupTimeoutMs,
  };
}
