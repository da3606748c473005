import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrainerOptions } from '../trainer/trainer-options.js';

/** A run small enough for tests: 2 spiral arms that a small MLP learns in a few epochs. */
export const smallRun = {
  batchSize: 32,
  hidden: [16],
  learningRate: 0.03,
  data: { pointsPerClass: 96, validationPointsPerClass: 32, classes: 2, turns: 0.5, noise: 0.1 },
} as const satisfies TrainerOptions;

/** A fresh temporary directory, removed by the returned function. */
export async function temporaryDirectory(): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'plugboard-trainer-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** The largest relative difference between two equally long number lists. */
export function maxRelativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? NaN;
    const y = b[i] ?? NaN;
    max = Math.max(max, Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y), 1e-12));
  }
  return max;
}
