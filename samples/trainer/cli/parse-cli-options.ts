import { parseArgs } from 'node:util';
import { UsageError } from './usage-error.js';

/** The trainer's command line, parsed. */
export interface CliOptions {
  /** The `--plugins` texts (the option may repeat), or `TRAINER_PLUGINS`, read by plugboard's selection syntax. */
  readonly plugins: readonly string[];
  readonly listPlugins: boolean;
  readonly help: boolean;
  readonly epochs: number | undefined;
  readonly seed: number | undefined;
  readonly checkpointDir: string | undefined;
  readonly resume: string | undefined;
  readonly report: string | undefined;
}

/** The usage text. */
export const usage = `Usage: tsx samples/trainer/main.ts [options]

Trains a small MLP on the spirals data set with plugins chosen by alias.

Options:
  -p, --plugins SELECTION   plugins by alias with optional overrides, e.g. "ddp(workers=4), bf16-mixed"
                            (at most one per kind; may repeat; default: the TRAINER_PLUGINS variable)
      --list-plugins        list the available plugins and exit
  -e, --epochs N            train until N epochs are complete (default 30)
      --seed N              seed of the data, the initial weights and the shuffles (default 7)
      --checkpoint-dir DIR  save a checkpoint there after every epoch
      --resume PATH         continue the run saved in a checkpoint
      --report DIR          write report.md and loss-curve.svg there
  -h, --help                show this help`;

/** Parses the trainer's arguments; throws UsageError for unknown options or bad values. */
export function parseCliOptions(args: readonly string[], env: NodeJS.ProcessEnv = {}): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        plugins: { type: 'string', short: 'p', multiple: true },
        'list-plugins': { type: 'boolean' },
        epochs: { type: 'string', short: 'e' },
        seed: { type: 'string' },
        'checkpoint-dir': { type: 'string' },
        resume: { type: 'string' },
        report: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  return {
    plugins: values.plugins ?? (env.TRAINER_PLUGINS ? [env.TRAINER_PLUGINS] : []),
    listPlugins: values['list-plugins'] ?? false,
    help: values.help ?? false,
    epochs: parseInteger('--epochs', values.epochs, 1),
    seed: parseInteger('--seed', values.seed, 0),
    checkpointDir: values['checkpoint-dir'],
    resume: values.resume,
    report: values.report,
  };
}

function parseInteger(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number) || number < min) {
    throw new UsageError(`${flag} must be an integer of at least ${String(min)}, got "${value}".`);
  }
  return number;
}
