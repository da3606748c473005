/**
 * Measures the data-parallel speed-up of `ddp` (2 worker threads) over `single_device` on the trainer sample,
 * for a workload big enough that the per-step compute dwarfs the gradient exchange: an MLP 2-256-256-3
 * (67k parameters) on 6,144 points with a global batch of 1,024.
 *
 * Run: `npx tsx bench/ddp-speedup.ts [--hidden 256] [--epochs 3] [--repeats 2]`. The first epoch of each run
 * warms up the JIT and is not timed. The runs alternate, repeat after repeat, and a speed-up is the median of
 * the per-repeat ratios of median epoch times, which keeps other load on a shared machine from biasing it.
 * As a control, the same engine also runs in one worker thread: the ratio to it isolates the parallel part.
 */
import 'reflect-metadata';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import type { PluginSelectionItem } from 'plugboard';
import { createTrainer } from '../samples/trainer/trainer/create-trainer.js';
import type { FitResult } from '../samples/trainer/trainer/fit-result.js';

const { values } = parseArgs({
  options: {
    hidden: { type: 'string', default: '256' },
    epochs: { type: 'string', default: '3' },
    repeats: { type: 'string', default: '2' },
  },
});
const width = Number(values.hidden);
const epochs = Number(values.epochs);
const repeats = Number(values.repeats);
const workload = {
  hidden: [width, width],
  batchSize: 1024,
  learningRate: 0.003,
  maxEpochs: epochs,
  data: { pointsPerClass: 2048, validationPointsPerClass: 64 },
} as const;

type Selection = PluginSelectionItem;

/** Seconds per timed epoch (all but the first) of one run. */
async function epochSeconds(strategy: Selection): Promise<{ seconds: number[]; result: FitResult }> {
  const result = await createTrainer({ ...workload, plugins: [strategy, '32-true'] }).fit();
  return { seconds: result.history.slice(1).map((metrics) => metrics.seconds), result };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

/** The runs: the baseline, the same engine in one worker thread (a control), and ddp on two workers. */
const runs: { readonly name: string; readonly selection: Selection }[] = [
  { name: 'single_device', selection: 'single_device' },
  { name: 'ddp (1 worker)', selection: { alias: 'ddp', options: { workers: 1 } } },
  { name: 'ddp (2 workers)', selection: 'ddp' },
];
const times = runs.map(() => [] as number[]);
const medians = runs.map(() => [] as number[]);
const results: FitResult[] = [];
// Alternate the runs, so that other load on a shared machine slows all of them alike.
for (let repeat = 0; repeat < repeats; repeat++) {
  for (const [index, run] of runs.entries()) {
    const { seconds, result } = await epochSeconds(run.selection);
    times[index]?.push(...seconds);
    medians[index]?.push(median(seconds));
    results[index] = result;
  }
}
/** Per repeat, the ratio of run `a`'s median epoch time to run `b`'s; then their median. */
const ratio = (a: number, b: number): { median: number; each: number[] } => {
  const each = (medians[a] ?? []).map((time, repeat) => time / (medians[b]?.[repeat] ?? NaN));
  return { median: median(each), each };
};
const [single, , ddp] = results;
if (!single || !ddp) throw new Error('No runs.');
const finalLoss = (run: FitResult): number => run.history.at(-1)?.trainLoss ?? NaN;
const lossGap = Math.abs(finalLoss(single) - finalLoss(ddp)) / finalLoss(single);
const speedup = ratio(0, 2);
const parallel = ratio(1, 2);

console.log(
  `workload: MLP ${[2, width, width, 3].join('-')} (${single.parameterCount.toLocaleString('en-US')} parameters), ` +
    '6,144 points, batch 1,024, float32',
);
console.log(
  `machine: ${String(availableParallelism())} cores, Node ${process.version}; ` +
    `${String(repeats)} alternating repeats of ${String(epochs - 1)} timed epochs per run`,
);
for (const [index, run] of runs.entries()) {
  const all = times[index] ?? [];
  console.log(
    `${run.name.padEnd(16)} median ${median(all).toFixed(3)} s/epoch ` +
      `(${Math.min(...all).toFixed(3)}-${Math.max(...all).toFixed(3)})`,
  );
}
console.log(
  `speed-up of ddp (2 workers) over single_device: ${speedup.median.toFixed(2)}x of the 2x limit ` +
    `(${(50 * speedup.median).toFixed(0)}% parallel efficiency; per repeat ${speedup.each.map((r) => r.toFixed(2)).join(', ')})`,
);
console.log(
  `over the same engine in 1 worker thread: ${parallel.median.toFixed(2)}x ` +
    `(per repeat ${parallel.each.map((r) => r.toFixed(2)).join(', ')})`,
);
console.log(
  `same training: final loss ${finalLoss(single).toFixed(6)} vs ${finalLoss(ddp).toFixed(6)} ` +
    `(relative gap ${lossGap.toExponential(1)})`,
);
