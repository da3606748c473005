/**
 * One timed fit of the trainer sample for bench/ddp-speedup.ts: `fitSeconds(selection, workload)` in this thread,
 * or, run as a worker thread's entry module, the same fit inside that worker (its result posted back), to tell
 * apart the cost of a strategy from the cost of the thread it runs on.
 */
import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import type { PluginSelectionItem } from 'plugboard';
import { createTrainer } from '../../samples/trainer/trainer/create-trainer.js';
import type { TrainerOptions } from '../../samples/trainer/trainer/trainer-options.js';

/** A fit's timed epochs (all but the first, which warms up the JIT) and its final loss. */
export interface FitTiming {
  readonly seconds: number[];
  readonly finalLoss: number;
  readonly parameterCount: number;
}

/** Fits `workload` with `strategy` and 32-true in this thread. */
export async function fitSeconds(strategy: PluginSelectionItem, workload: TrainerOptions): Promise<FitTiming> {
  const result = await createTrainer({ ...workload, plugins: [strategy, '32-true'] }).fit();
  return {
    seconds: result.history.slice(1).map((metrics) => metrics.seconds),
    finalLoss: result.history.at(-1)?.trainLoss ?? NaN,
    parameterCount: result.parameterCount,
  };
}

const data = workerData as { strategy: PluginSelectionItem; workload: TrainerOptions } | undefined;
if (parentPort && data) parentPort.postMessage(await fitSeconds(data.strategy, data.workload));
