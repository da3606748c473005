/**
 * The data-parallel speed-up of the trainer sample, from compiled JavaScript (`npm run bench:ddp` compiles
 * this file and the sample with tsc and runs it with node; no tsx transform): an MLP 2-256-256-3 (67k
 * parameters) on 6,144 points with a global batch of 1,024, where a step's compute dwarfs the gradient exchange.
 *
 * Four runs, alternating, repeat after repeat, so that other load on a shared machine slows all alike:
 * single_device in the main thread; the same single_device fit inside one worker thread (a control for the
 * thread); ddp with 1 worker; ddp with 2. A run's figure is the median of its timed epochs (the first epoch
 * warms up the JIT and is not timed); a speed-up is the median over the repeats of the per-repeat ratios,
 * given with its spread (min-max). The 1-minute load average is recorded before every repeat: on a 2-core
 * machine a load above 2 means other processes took part of the cores, and the speed-up is then understated.
 *
 * `node .tmp/bench-ddp/bench/ddp/ddp-speedup.js [--hidden 256] [--epochs 3] [--repeats 5] [--runs single,single-worker,ddp1,ddp2]`;
 * under tsx for comparison: `TSX_TSCONFIG_PATH=bench/ddp/tsconfig.json node --import tsx bench/ddp/ddp-speedup.ts`.
 */
import 'reflect-metadata';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { PluginSelectionItem } from 'plugboard';
import { fitSeconds, type FitTiming } from './ddp-fit.js';

const { values } = parseArgs({
  options: {
    hidden: { type: 'string', default: '256' },
    epochs: { type: 'string', default: '3' },
    repeats: { type: 'string', default: '5' },
    runs: { type: 'string', default: 'single,single-worker,ddp1,ddp2' },
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
};

/** A worker running ddp-fit; from TypeScript sources (tsx) it registers tsx in the worker first. */
function spawnFit(workerData: unknown): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSource ? './ddp-fit.ts' : './ddp-fit.js', import.meta.url);
  if (!fromSource) return new Worker(entry, { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/** The same fit inside a worker thread of its own. */
function fitInWorker(strategy: PluginSelectionItem): Promise<FitTiming> {
  return new Promise((resolve, reject) => {
    const worker = spawnFit({ strategy, workload });
    worker.once('message', (timing: FitTiming) => {
      resolve(timing);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

const median = (list: readonly number[]): number => {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
};
const spread = (list: readonly number[], digits: number): string =>
  `${Math.min(...list).toFixed(digits)}-${Math.max(...list).toFixed(digits)}`;

const allRuns: { readonly key: string; readonly name: string; readonly fit: () => Promise<FitTiming> }[] = [
  { key: 'single', name: 'single_device (main thread)', fit: () => fitSeconds('single_device', workload) },
  { key: 'single-worker', name: 'single_device (in a worker)', fit: () => fitInWorker('single_device') },
  { key: 'ddp1', name: 'ddp (1 worker)', fit: () => fitSeconds({ alias: 'ddp', options: { workers: 1 } }, workload) },
  { key: 'ddp2', name: 'ddp (2 workers)', fit: () => fitSeconds('ddp', workload) },
];
const runs = allRuns.filter((run) => values.runs.split(',').includes(run.key));
const indexOf = (key: string): number => runs.findIndex((run) => run.key === key);
const perRepeat = runs.map(() => [] as number[]);
const loads: number[] = [];
const finalLoss: number[] = [];
let parameterCount = 0;
for (let repeat = 0; repeat < repeats; repeat++) {
  loads.push(loadavg()[0] ?? NaN);
  for (const [index, run] of runs.entries()) {
    const timing = await run.fit();
    perRepeat[index]?.push(median(timing.seconds));
    finalLoss[index] = timing.finalLoss;
    parameterCount = timing.parameterCount;
  }
  process.stderr.write(`repeat ${String(repeat + 1)}/${String(repeats)} done, load average ${String(loadavg()[0])}\n`);
}
loads.push(loadavg()[0] ?? NaN);

const ratio = (a: number, b: number): number[] =>
  (perRepeat[a] ?? []).map((time, repeat) => time / (perRepeat[b]?.[repeat] ?? NaN));
const speedup = (label: string, a: number, b: number): string => {
  const each = ratio(a, b);
  return `${label}: ${median(each).toFixed(2)}x (spread ${spread(each, 2)}; per repeat ${each.map((r) => r.toFixed(2)).join(', ')})`;
};

console.log(
  `workload: MLP ${[2, width, width, 3].join('-')} (${parameterCount.toLocaleString('en-US')} parameters), ` +
    `6,144 points, batch 1,024, float32; ${import.meta.url.endsWith('.ts') ? 'TypeScript through tsx' : 'compiled JavaScript (tsc), no tsx'}`,
);
console.log(
  `machine: ${String(availableParallelism())} cores, Node ${process.version}; ${String(repeats)} alternating repeats of ` +
    `${String(epochs - 1)} timed epochs per run; 1-minute load average ${spread(loads, 1)} during the runs`,
);
for (const [index, run] of runs.entries()) {
  const each = perRepeat[index] ?? [];
  console.log(`${run.name.padEnd(28)} median ${median(each).toFixed(3)} s/epoch (spread ${spread(each, 3)})`);
}
const comparisons: [string, string, string][] = [
  ['ddp (2 workers) over ddp (1 worker)', 'ddp1', 'ddp2'],
  ['ddp (2 workers) over single_device in the main thread', 'single', 'ddp2'],
  ['ddp (2 workers) over single_device in a worker', 'single-worker', 'ddp2'],
  ['single_device: main thread time over in-a-worker time', 'single', 'single-worker'],
];
for (const [label, a, b] of comparisons) {
  if (indexOf(a) >= 0 && indexOf(b) >= 0) console.log(speedup(label, indexOf(a), indexOf(b)));
}
const losses = finalLoss.map((loss) => loss.toFixed(6));
console.log(`same training: final loss ${losses.join(', ')} (${runs.map((run) => run.key).join(', ')})`);
