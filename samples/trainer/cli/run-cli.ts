import { availableParallelism } from 'node:os';
import { PluginError } from 'plugboard';
import { format, type Output } from './output.js';
import { listPlugins } from './list-plugins.js';
import { loadPluginPackages } from './load-plugin-packages.js';
import { parseCliOptions, usage, type CliOptions } from './parse-cli-options.js';
import { PeakMemory } from './peak-memory.js';
import { explainRun, printedConfig } from './describe-run.js';
import { pluginTable } from './plugin-table.js';
import { tracePlugins } from './plugin-trace.js';
import { runOrderLines } from './run-order.js';
import { ProgressPrinter } from './progress-printer.js';
import { readConfigFile } from './read-config-file.js';
import { readRunSelection } from './read-run-selection.js';
import { runSettings } from './run-settings.js';
import { recommendPlugins } from './recommend-plugins.js';
import { UsageError } from './usage-error.js';
import { runTotal } from '../engine/memory-report.js';
import { MlpLayout } from '../model/mlp-layout.js';
import { trainerRegistry } from '../registry.js';
import { writeReport } from '../report/write-report.js';
import { FILE_SYSTEM } from '../services/file-system.js';
import { trainerEnv } from '../services/recommendation-env.js';
import { createTrainerContainer, disposeTrainer, setUpTrainerPlugins } from '../trainer/create-trainer.js';
import { PluginPlan } from '../trainer/plugin-plan.js';
import { runLock } from '../trainer/run-lock.js';
import { defaultRunConfig, modelShape } from '../trainer/run-config.js';
import { Trainer } from '../trainer/trainer.js';
import type { TrainerEvent } from '../trainer/trainer-event.js';
import { TrainerInputError } from '../trainer/trainer-input-error.js';

/** Exit codes: 0 done, 1 training failed, 2 bad input (nothing trained), 130 interrupted. */
export type ExitCode = 0 | 1 | 2 | 130;

/** What the CLI runs with besides its arguments. */
export interface CliContext {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly env?: NodeJS.ProcessEnv;
  /** Aborted on Ctrl-C: training stops, the workers end, and the exit code is 130. */
  readonly signal?: AbortSignal;
}

/** The trainer's command line: runs it with `args` and returns the exit code. Errors go to stderr without stacks. */
export async function runCli(args: readonly string[], context: CliContext): Promise<ExitCode> {
  const { stdout, stderr, env = {}, signal } = context;
  try {
    const options = parseCliOptions(args);
    if (options.help) {
      stdout.write(`${usage}\n`);
      return 0;
    }
    const origins = await loadPluginPackages(options.project ?? '.', trainerRegistry, stderr);
    if (options.listPlugins) {
      stdout.write(`${listPlugins(trainerRegistry, origins).join('\n')}\n`);
      return 0;
    }
    if (options.recommend) {
      const hidden = options.hidden ?? defaultRunConfig.hidden;
      const layout = new MlpLayout(modelShape({ ...defaultRunConfig, hidden }));
      const model = `the model MLP ${layout.shape.layers.join('-')}`;
      stdout.write(`${recommendPlugins(trainerRegistry, trainerEnv(layout.parameterCount), model).join('\n')}\n`);
      return 0;
    }
    if (options.printConfig || options.explain) {
      stdout.write(`${(await describeRun(options, env)).join('\n')}\n`);
      return 0;
    }
    const trace = options.trace
      ? tracePlugins((line) => {
          stderr.write(`${line}\n`);
        })
      : undefined;
    try {
      return await train(options, context, env, signal);
    } finally {
      trace?.[Symbol.dispose]();
    }
  } catch (error) {
    if (signal?.aborted) {
      stderr.write('Interrupted: training stopped and every worker ended.\n');
      return 130;
    }
    if (error instanceof UsageError) {
      stderr.write(`${format(error.message)}\nRun with --help for usage.\n`);
      return 2;
    }
    if (PluginError.is(error) && error.code === 'PLUGIN_SETUP_TIMEOUT') {
      stderr.write(`${format(error.message)}\nNothing was trained.\n`);
      return 1;
    }
    if (PluginError.is(error)) {
      stderr.write(`${format(error.message)}\nRun with --list-plugins to see the plugins.\n`);
      return 2;
    }
    if (error instanceof TrainerInputError) {
      stderr.write(`${format(error.message)}\n`);
      return 2;
    }
    stderr.write(`Training failed: ${format(error instanceof Error ? error.message : String(error))}\n`);
    return 1;
  }
}

/** What a run would use, read as `train` reads it: its settings, its plugins and where they came from. */
async function readRun(options: CliOptions, env: NodeJS.ProcessEnv) {
  const file = options.config === undefined ? undefined : await readConfigFile(options.config);
  const settings = runSettings(options, file, options.config);
  const hidden = settings.hidden ?? defaultRunConfig.hidden;
  const layout = new MlpLayout(modelShape({ ...defaultRunConfig, hidden }));
  const selection = readRunSelection({
    plugins: options.plugins,
    envPlugins: env.TRAINER_PLUGINS,
    config: options.config === undefined ? undefined : { path: options.config, ...file },
    shorthands: {
      ...(options.strategy === undefined ? {} : { strategy: options.strategy }),
      ...(options.precision === undefined ? {} : { precision: options.precision }),
    },
    registry: trainerRegistry,
    env: trainerEnv(layout.parameterCount),
  });
  return { settings, hidden, layout, selection };
}

/** `--print-config` (the run as a config file, stdout only) or `--explain`: nothing is built or trained. */
async function describeRun(options: CliOptions, env: NodeJS.ProcessEnv): Promise<string[]> {
  const { settings, selection } = await readRun(options, env);
  const plan = new PluginPlan([...selection.choices], trainerRegistry, selection.sources);
  if (options.explain) return explainRun(plan, trainerRegistry);
  const lock = runLock(plan, trainerRegistry);
  if (lock === undefined) throw new UsageError('--print-config needs plugins chosen by alias.');
  return [JSON.stringify(printedConfig(plan, trainerRegistry, lock, settings), null, 2)];
}

async function train(
  options: CliOptions,
  { stdout }: CliContext,
  env: NodeJS.ProcessEnv,
  signal: AbortSignal | undefined,
): Promise<ExitCode> {
  const { settings, hidden, layout, selection } = await readRun(options, env);
  const printer = new ProgressPrinter(stdout);
  const memory = new PeakMemory();
  const onEvent = (event: TrainerEvent): void => {
    if (event.type === 'step' || event.type === 'epoch') memory.sample();
    printer.onEvent(event);
  };
  const container = createTrainerContainer(
    {
      plugins: [...selection.choices],
      hidden,
      onEvent,
      ...(settings.epochs === undefined ? {} : { maxEpochs: settings.epochs }),
      ...(settings.seed === undefined ? {} : { seed: settings.seed }),
      ...(settings.batchSize === undefined ? {} : { batchSize: settings.batchSize }),
      ...(settings.learningRate === undefined ? {} : { learningRate: settings.learningRate }),
      ...(settings.checkpointDir === undefined ? {} : { checkpointDir: settings.checkpointDir }),
      ...(settings.setupTimeoutMs === undefined ? {} : { setupTimeoutMs: settings.setupTimeoutMs }),
      ...(options.allowPluginChanges ? { allowPluginChanges: true } : {}),
    },
    {
      log: {
        info: (message) => {
          printer.line(message);
        },
      },
      pluginsSource: selection.sources,
    },
  );
  try {
    const planned = container.get(PluginPlan).plugins;
    for (const line of [...pluginTable(planned), ...runOrderLines(planned, trainerRegistry)]) printer.line(line);
    for (const auto of selection.autos) {
      printer.line(`${auto.kind} auto -> ${auto.alias}: ${auto.reason} (${autoBasis(layout.parameterCount)})`);
    }
    await setUpTrainerPlugins(container);
    const trainer = container.get(Trainer);
    const began = performance.now();
    const result = await trainer.fit({
      ...(settings.resume === undefined ? {} : { resumeFrom: settings.resume }),
      ...(signal ? { signal } : {}),
      ...(settings.report === undefined ? {} : { outputs: [{ label: '--report', directory: settings.report }] }),
    });
    const seconds = (performance.now() - began) / 1000;
    printer.finish();
    if (result.stoppedBecause !== undefined) stdout.write(`stopped early: ${result.stoppedBecause}\n`);
    const last = result.history.at(-1);
    if (last) {
      stdout.write(
        `done in ${seconds.toFixed(1)} s: final loss ${last.trainLoss.toFixed(4)}, ` +
          `accuracy ${(100 * last.trainAccuracy).toFixed(1)}% (validation ${(100 * last.validationAccuracy).toFixed(1)}%)` +
          ` on ${String(availableParallelism())} cores\n`,
      );
    }
    memory.sample();
    stdout.write(`${memory.line(runTotal(result.memory))}\n`);
    if (result.checkpointPath !== undefined) stdout.write(`checkpoint: ${result.checkpointPath}\n`);
    for (const logger of trainer.loggers) {
      const path = (logger as { path?: unknown }).path;
      if (typeof path === 'string') stdout.write(`metrics: ${path}\n`);
    }
    if (settings.report !== undefined) {
      const files = await writeReport(container.get(FILE_SYSTEM), settings.report, result, seconds);
      stdout.write(`report: ${files.markdown} (${files.svg})\n`);
    }
    return 0;
  } finally {
    printer.finish();
    await disposeTrainer(container);
  }
}

/** What `auto` looked at, for the line that says what it chose. */
function autoBasis(parameters: number): string {
  return `this run: ${String(availableParallelism())} cores, ${parameters.toLocaleString('en-US')} parameters`;
}
