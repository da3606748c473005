import 'reflect-metadata';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { smallRun } from './fixtures.js';
import { updateLossScale, defaultLossScalerOptions } from '../optim/loss-scaler.js';
import { createTrainer } from '../trainer/create-trainer.js';
import type { FitResult } from '../trainer/fit-result.js';

const EPOCHS = 6;

describe('precision plugins', () => {
  const results = new Map<string, FitResult>();
  const losses = (alias: string): number[] => results.get(alias)?.history.map((m) => m.trainLoss) ?? [];

  beforeAll(async () => {
    for (const alias of ['32-true', '16-mixed', 'bf16-mixed']) {
      results.set(alias, await createTrainer({ ...smallRun, maxEpochs: EPOCHS, plugins: alias }).fit());
    }
  });

  it.each(['16-mixed', 'bf16-mixed'])('%s gives losses that differ from 32-true', (alias) => {
    const reference = losses('32-true');
    const mixed = losses(alias);

    expect(mixed).toHaveLength(EPOCHS);
    mixed.forEach((loss, epoch) => {
      expect(loss).not.toBe(reference[epoch]);
      expect(Math.abs(loss - (reference[epoch] ?? 0))).toBeLessThan(0.05);
    });
  });

  it.each(['32-true', '16-mixed', 'bf16-mixed'])('%s trains: the loss goes down', (alias) => {
    const [first = 0, ...rest] = losses(alias);

    expect(rest.at(-1)).toBeLessThan(0.6 * first);
  });

  it('bf16 rounds coarser than float16 here, so it strays further from 32-true', () => {
    const reference = losses('32-true');
    const drift = (alias: string): number =>
      Math.max(...losses(alias).map((loss, epoch) => Math.abs(loss - (reference[epoch] ?? 0))));

    expect(drift('bf16-mixed')).toBeGreaterThan(drift('16-mixed'));
  });

  it('keeps float32 master weights in the mixed precisions', () => {
    for (const alias of ['16-mixed', 'bf16-mixed']) {
      const parameters = results.get(alias)?.state.parameters ?? new Float64Array(0);
      expect(parameters.every((value) => Math.fround(value) === value)).toBe(true);
    }
  });
});

describe('dynamic loss scaling (16-mixed)', () => {
  it('backs off on overflow and grows after a run of clean steps', () => {
    const options = { ...defaultLossScalerOptions, growthInterval: 2 };
    const start = { scale: 1024, growthTracker: 0 };

    const backedOff = updateLossScale(start, options, true);
    const grown = updateLossScale(updateLossScale(start, options, false), options, false);

    expect(backedOff).toEqual({ scale: 512, growthTracker: 0 });
    expect(grown).toEqual({ scale: 2048, growthTracker: 0 });
  });

  it('skips the steps whose float16 gradients overflow, backs off, and still trains', async () => {
    const plugins = { alias: '16-mixed', options: { initialScale: 2 ** 24 } };

    const result = await createTrainer({ ...smallRun, maxEpochs: 3, plugins }).fit();
    const skipped = result.history.reduce((sum, m) => sum + m.skippedSteps, 0);

    expect(skipped).toBeGreaterThan(0);
    expect(result.state.lossScale?.scale).toBeLessThan(2 ** 24);
    expect(result.state.globalStep - result.state.optimizer.step).toBe(skipped);
    expect(result.history.at(-1)?.trainLoss).toBeLessThan(result.history[0]?.trainLoss ?? 0);
  });
});
