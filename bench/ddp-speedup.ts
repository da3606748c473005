/**
 * Measures the data-parallel speed-up of `ddp` (2 worker threads) over `single_device` on the trainer sample,
 * for a workload big enough that the per-step compute dwarfs the gradient exchange: an MLP 2-256-256-3
 * (67k parameters) on 6,144 points with a global batch of 1,024.
 *
 * Run: `npx tsx bench/ddp-speedup.ts [--hidden 256] [--epochs 3] [--repeats 2]`. The first epoch of each run
 * warms up the JIT and is not timed. The speed-up is given on the median epoch and on the fastest one (less
 * disturbed by other processes on a shared machine) over all repeats.
 */
import 'reflect-metadata';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
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

async function secondsPerEpoch(strategy: string): Promise<{ seconds: number; best: number; result: FitResult }> {
  const times: number[] = [];
  let last: FitResult | undefined;
  for (let repeat = 0; repeat < repeats; repeat++) {
    last = await createTrainer({ ...workload, plugins: [strategy, '32-true'] }).fit();
    times.push(...last.history.slice(1).map((metrics) => metrics.seconds));
  }
  if (!last) throw new Error('No run.');
  return { seconds: median(times), best: Math.min(...times), result: last };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

const single = await secondsPerEpoch('single_device');
const ddp = await secondsPerEpoch('ddp');
const speedup = single.seconds / ddp.seconds;
const bestSpeedup = single.best / ddp.best;
const finalLoss = (run: FitResult): number => run.history.at(-1)?.trainLoss ?? NaN;
const lossGap = Math.abs(finalLoss(single.result) - finalLoss(ddp.result)) / finalLoss(single.result);
const timed = (epochs - 1) * repeats;

console.log(
  `workload: MLP ${[2, width, width, 3].join('-')} (${single.result.parameterCount.toLocaleString('en-US')} parameters), ` +
    '6,144 points, batch 1,024, float32',
);
console.log(
  `machine: ${String(availableParallelism())} cores, Node ${process.version}; ${String(timed)} timed epochs each`,
);
console.log(`single_device:    median ${single.seconds.toFixed(3)} s/epoch, best ${single.best.toFixed(3)} s`);
console.log(`ddp (2 workers):  median ${ddp.seconds.toFixed(3)} s/epoch, best ${ddp.best.toFixed(3)} s`);
console.log(
  `speed-up: ${speedup.toFixed(2)}x (median), ${bestSpeedup.toFixed(2)}x (best) of the 2x limit ` +
    `(${(50 * speedup).toFixed(0)}% / ${(50 * bestSpeedup).toFixed(0)}% parallel efficiency)`,
);
console.log(
  `same training: final loss ${finalLoss(single.result).toFixed(6)} vs ${finalLoss(ddp.result).toFixed(6)} ` +
    `(relative gap ${lossGap.toExponential(1)})`,
);
