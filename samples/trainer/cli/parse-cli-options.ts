import { parseArgs } from 'node:util';
import { UsageError } from './usage-error.js';

/** The trainer's command line, parsed. */
export interface CliOptions {
  /** The `--plugins` texts (the option may repeat), read by plugboard's selection syntax. */
  readonly plugins: readonly string[];
  /** A JSON config file: `plugins` and any run setting (flags override it). */
  readonly config: string | undefined;
  /** `--strategy TEXT` / `--precision TEXT`: the plugin of that kind, or `auto`. */
  readonly strategy: string | undefined;
  readonly precision: string | undefined;
  readonly batchSize: number | undefined;
  readonly learningRate: number | undefined;
  readonly listPlugins: boolean;
  /** `--trace`: print plugboard's plugin events (resolve, set-up, dispose) with their times to stderr. */
  readonly trace: boolean;
  readonly recommend: boolean;
  readonly help: boolean;
  readonly epochs: number | undefined;
  readonly seed: number | undefined;
  /** Hidden layer widths from `--model-size`. */
  readonly hidden: readonly number[] | undefined;
  readonly checkpointDir: string | undefined;
  /** `--setup-timeout MS`: the time limit of each plugin's asynchronous set-up. */
  readonly setupTimeout: number | undefined;
  readonly resume: string | undefined;
  /** `--allow-plugin-changes`: resume even when the checkpoint's strategy or precision differs. */
  readonly allowPluginChanges: boolean;
  /** `--print-config`: print the resolved run as a config file to stdout, and exit. */
  readonly printConfig: boolean;
  /** `--explain`: print where every plugin and option came from, and exit. */
  readonly explain: boolean;
  readonly report: string | undefined;
  /** The project whose installed packages may add plugins (default: the current folder). */
  readonly project: string | undefined;
}

/** The model sizes `--model-size` names: hidden layer widths. */
export const modelSizes: Readonly<Record<string, readonly number[]>> = {
  small: [32, 32],
  medium: [256, 256],
  large: [1024, 1024],
  xlarge: [2048, 2048],
};

/** The usage text. */
export const usage = `Usage: npm start -- [options]     (node --import tsx samples/trainer/main.ts [options])

Trains a small MLP on the spirals data set with plugins chosen by alias.

Plugins (the first of these that is set wins; every kind it leaves out gets its default; a source
that is set but broken is an error even when another one wins):
  -p, --plugins SELECTION   plugins by alias with optional options, e.g. "ddp(workers=2), bf16-mixed,
                            csv_logger(dir=out), early_stopping(patience=3)"; may repeat
      TRAINER_PLUGINS=...   the same, from the environment (empty counts as unset)
      --config FILE         a JSON file with "plugins" (a selection string, or an array of aliases and
                            { "alias": ..., "options": { ... } }) and any run setting below, by its
                            camelCase name ("epochs", "modelSize", ...); flags override the file
      --strategy TEXT       the strategy, replacing the selection's (e.g. "ddp(workers=4)"), or auto:
                            the registry's recommendation for this machine and model
      --precision TEXT      the precision, likewise (e.g. bf16-mixed), or auto
      --list-plugins        list the plugins by kind, with defaults and recommendations, and exit
      --recommend           recommend plugins for this machine and --model-size, with reasons, and exit
      --project DIR         also load plugins from the packages installed in DIR (default: .)

Run:
  -e, --epochs N            train until N epochs are complete (default 30)
      --seed N              seed of the data, the initial weights and the shuffles (default 7)
      --model-size SIZE     small (2-32-32-3, default), medium (256x256), large (1024x1024), xlarge (2048x2048),
                            or hidden widths such as 512x512
      --batch-size N        the global batch size (default 32)
      --learning-rate X     Adam's learning rate (default 0.02)
      --checkpoint-dir DIR  save DIR/last.<ext> after every epoch
      --resume PATH         continue the run saved in a checkpoint; "last": DIR/last.<ext> of
                            --checkpoint-dir; refused if the checkpoint's strategy or precision (their
                            options, package version or code) differs from this run's, with the differences
      --allow-plugin-changes  resume anyway, listing the differences
      --print-config        print this run, resolved, as a config file (stdout only) and exit; feed it back
                            with --config
      --explain             print where every plugin and option came from, and exit
      --report DIR          write report.md and loss-curve.svg there
      --setup-timeout MS    the time limit of each plugin's asynchronous set-up (try slow_logger(setupMs=3000))
      --trace               print every plugin resolve, set-up and disposal with its time (stderr), from
                            plugboard's diagnostics_channel tracing channels
  -h, --help                show this help

Exit codes: 0 done, 1 training failed, 2 bad input (nothing was trained), 130 interrupted (Ctrl-C).`;

/** Parses the trainer's arguments; throws UsageError for unknown options or bad values. */
export function parseCliOptions(args: readonly string[]): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        plugins: { type: 'string', short: 'p', multiple: true },
        config: { type: 'string' },
        strategy: { type: 'string' },
        precision: { type: 'string' },
        'batch-size': { type: 'string' },
        'learning-rate': { type: 'string' },
        'list-plugins': { type: 'boolean' },
        trace: { type: 'boolean' },
        recommend: { type: 'boolean' },
        project: { type: 'string' },
        epochs: { type: 'string', short: 'e' },
        seed: { type: 'string' },
        'model-size': { type: 'string' },
        'checkpoint-dir': { type: 'string' },
        'setup-timeout': { type: 'string' },
        resume: { type: 'string' },
        'allow-plugin-changes': { type: 'boolean' },
        'print-config': { type: 'boolean' },
        explain: { type: 'boolean' },
        report: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  return {
    plugins: values.plugins ?? [],
    config: values.config,
    strategy: values.strategy,
    precision: values.precision,
    batchSize: parseInteger('--batch-size', values['batch-size'], 1),
    learningRate: parseLearningRate(values['learning-rate']),
    listPlugins: values['list-plugins'] ?? false,
    trace: values.trace ?? false,
    recommend: values.recommend ?? false,
    help: values.help ?? false,
    project: values.project,
    epochs: parseInteger('--epochs', values.epochs, 1),
    seed: parseInteger('--seed', values.seed, 0),
    hidden: parseModelSize(values['model-size']),
    checkpointDir: values['checkpoint-dir'],
    setupTimeout: parseInteger('--setup-timeout', values['setup-timeout'], 1),
    resume: values.resume,
    allowPluginChanges: values['allow-plugin-changes'] ?? false,
    printConfig: values['print-config'] ?? false,
    explain: values.explain ?? false,
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

function parseLearningRate(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !(number > 0) || !Number.isFinite(number)) {
    throw new UsageError(`--learning-rate must be a positive number, got "${value}".`);
  }
  return number;
}

/** Hidden layer widths from a model size: a name of `modelSizes` or widths such as `512x512`. */
export function parseModelSize(value: string | undefined): readonly number[] | undefined {
  if (value === undefined) return undefined;
  const named = modelSizes[value.toLowerCase()];
  if (named) return named;
  const widths = value.split('x').map(Number);
  if (/^\d+(x\d+)*$/.test(value) && widths.every((width) => width >= 1 && width <= 4096)) return widths;
  throw new UsageError(
    `--model-size must be ${Object.keys(modelSizes).join(', ')} or hidden widths such as 512x512 (each 1 to 4096), got "${value}".`,
  );
}
