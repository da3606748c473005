import { PluginError } from 'plugboard';
import { parseCliOptions, usage } from './parse-cli-options.js';
import { percent } from './format.js';
import { ProgressPrinter, type Output } from './progress-printer.js';
import { UsageError } from './usage-error.js';
import { trainerRegistry } from '../registry.js';
import { writeReport } from '../report/write-report.js';
import { createTrainer } from '../trainer/create-trainer.js';

/** Exit codes: 0 done, 1 training failed, 2 bad command line or plugin selection. */
export type ExitCode = 0 | 1 | 2;

/** The trainer's command line: runs it with `args` and returns the exit code. Errors go to `stderr` without stacks. */
export async function runCli(
  args: readonly string[],
  stdout: Output,
  stderr: Output,
  env: NodeJS.ProcessEnv = {},
): Promise<ExitCode> {
  try {
    const options = parseCliOptions(args, env);
    if (options.help) {
      stdout.write(`${usage}\n`);
      return 0;
    }
    if (options.listPlugins) {
      const lines = trainerRegistry.availablePlugins({ withDescriptions: true, withRecommendations: true });
      stdout.write(`${lines.join('\n')}\n`);
      return 0;
    }
    const printer = new ProgressPrinter(stdout);
    const trainer = createTrainer({
      plugins: options.plugins,
      onEvent: printer.onEvent,
      ...(options.epochs === undefined ? {} : { maxEpochs: options.epochs }),
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...(options.checkpointDir === undefined ? {} : { checkpointDir: options.checkpointDir }),
    });
    const began = performance.now();
    const result = await trainer.fit(options.resume === undefined ? {} : { resumeFrom: options.resume });
    const seconds = (performance.now() - began) / 1000;
    printer.finish();
    const last = result.history.at(-1);
    if (last) {
      stdout.write(
        `done in ${seconds.toFixed(1)} s: final loss ${last.trainLoss.toFixed(4)}, ` +
          `accuracy ${percent(last.trainAccuracy)} (validation ${percent(last.validationAccuracy)})\n`,
      );
    }
    if (result.checkpointPath !== undefined) stdout.write(`checkpoint: ${result.checkpointPath}\n`);
    if (options.report !== undefined) {
      const files = await writeReport(options.report, result, seconds);
      stdout.write(`report: ${files.markdown} (${files.svg})\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      stderr.write(`${error.message}\nRun with --help for usage.\n`);
      return 2;
    }
    if (PluginError.is(error)) {
      stderr.write(`${error.message}\nRun with --list-plugins to see the plugins.\n`);
      return 2;
    }
    stderr.write(`Training failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
