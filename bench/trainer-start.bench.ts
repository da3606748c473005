/**
 * Benchmark 8: the demo's cold start. `npm start` (the trainer sample, run by tsx from its TypeScript sources) is
 * started afresh each time and timed until it prints its first epoch's metrics, then stopped: what someone
 * trying the sample waits for. Each run is bounded, and a run that prints no epoch fails the benchmark.
 */
import { spawn } from 'node:child_process';
import { median } from './lib/measure.js';
import { root, spread, table, type Runs } from './lib/summary.js';

/** How many fresh starts the figure is the median of (BENCH_TRAINER_RUNS, default 5). */
const RUNS = Number(process.env.BENCH_TRAINER_RUNS ?? 5);
/** The longest one start may take before the benchmark gives up on it. */
const LIMIT_MS = 300_000;
/** The console_logger plugin's line for an epoch: `epoch 1  train_loss 0.8123  ...`. */
const FIRST_EPOCH = /^epoch\s+\d+\b.*loss/m;

const R = {
  start: '`npm start`: from the spawn to the first epoch line',
  bare: "bare `node -e ''`, for scale",
} as const;

/** Milliseconds from spawning `command` until its stdout matches `until` (or it exits, when `until` is absent). */
function timeUntil(command: string, args: readonly string[], until?: RegExp): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    // A process group of its own: stopping npm must stop the tsx and node processes it started too.
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    let settled = false;
    const finish = (error: Error | undefined): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (child.exitCode === null && child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // The group has ended already.
        }
      }
      if (error) reject(error);
      else resolve(ms);
    };
    const timer = setTimeout(() => {
      finish(new Error(`${command} ${args.join(' ')} printed no epoch within ${String(LIMIT_MS)} ms`));
    }, LIMIT_MS);
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      output = (output + text).slice(-4096);
      if (until?.test(output)) finish(undefined);
    });
    child.stderr.resume();
    child.on('error', (error) => {
      finish(error);
    });
    child.on('exit', (code) => {
      finish(
        until === undefined && code === 0
          ? undefined
          : new Error(`${command} ${args.join(' ')} exited (${String(code)}) before its first epoch: ${output}`),
      );
    });
  });
}

export async function trainerStartBenchmark(): Promise<Runs> {
  const runs: Runs = { [R.start]: [], [R.bare]: [] };
  for (let run = 0; run < RUNS; run += 1) {
    runs[R.bare]?.push(await timeUntil(process.execPath, ['-e', '']));
    runs[R.start]?.push(await timeUntil('npm', ['start', '--silent'], FIRST_EPOCH));
  }
  return runs;
}

export function trainerStartSection(runs: Runs): string {
  return [
    "### 8. The demo's cold start (`npm start`, the trainer sample under tsx)",
    '',
    table(
      ['fresh process', 'ms, median (min..max)', 'goal'],
      [
        [R.start, spread(runs[R.start] ?? []), ''],
        [R.bare, spread(runs[R.bare] ?? []), ''],
      ],
    ),
    '',
    `Figures of ${String(RUNS)} fresh starts each (median ${median(runs[R.start] ?? [0]).toFixed(0)} ms to the first`,
    "epoch); no goal is set yet: the row is there so that the sample's start-up is watched.",
  ].join('\n');
}
