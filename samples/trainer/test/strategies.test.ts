import 'reflect-metadata';
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { maxRelativeDifference, smallRun } from './fixtures.js';
import { singleRankPlan, type ParallelPlan } from '../engine/engine-config.js';
import { reachPerWorker, runTotal, sharedTotal, totalBytes } from '../engine/memory-report.js';
import { DdpStrategy } from '../plugins/ddp-strategy.js';
import { trainerRegistry } from '../registry.js';
import { WorkerPool } from '../services/worker-pool.js';
import { Trainer } from '../trainer/trainer.js';
import type { PluginSelectionItem } from 'plugboard';
import { createTrainer, createTrainerContainer } from '../trainer/create-trainer.js';
import type { FitResult } from '../trainer/fit-result.js';

// Worker threads start slowly on a busy 2-core machine: a generous limit, not a timing assertion.
jest.setTimeout(60_000);

/** 64-true makes single_device and ddp differ only by the order of float64 sums. */
const TOLERANCE = 1e-9;
const run = (strategy: PluginSelectionItem): Promise<FitResult> =>
  createTrainer({ ...smallRun, maxEpochs: 3, plugins: [strategy, '64-true'] }).fit();

describe('strategies', () => {
  const results = new Map<string, FitResult>();
  const result = (alias: string): FitResult => {
    const found = results.get(alias);
    if (!found) throw new Error(`no run for ${alias}`);
    return found;
  };

  beforeAll(async () => {
    // One after another: each data-parallel run starts its own worker threads.
    for (const alias of [
      'single_device',
      'ddp',
      'ddp_sharded',
      'deepspeed_zero_1',
      'deepspeed_zero_2',
      'deepspeed_zero_3',
      'deepspeed_zero_3_offload',
    ]) {
      results.set(alias, await run(alias));
    }
  });

  it(`gives single_device's losses on ddp with the same global batch (relative ${String(TOLERANCE)} in float64)`, () => {
    const single = result('single_device');
    const ddp = result('ddp');

    expect(ddp.memory.workers).toBe(2);
    expect(
      maxRelativeDifference(
        single.history.map((m) => m.trainLoss),
        ddp.history.map((m) => m.trainLoss),
      ),
    ).toBeLessThan(TOLERANCE);
    expect(maxRelativeDifference(single.state.parameters, ddp.state.parameters)).toBeLessThan(TOLERANCE);
    expect(single.history.at(-1)?.trainLoss).toBeLessThan(single.history[0]?.trainLoss ?? 0);
  });

  it.each(['ddp_sharded', 'deepspeed_zero_1', 'deepspeed_zero_2', 'deepspeed_zero_3', 'deepspeed_zero_3_offload'])(
    '%s takes exactly the steps of ddp',
    (alias) => {
      const ddp = result('ddp');
      const sharded = result(alias);

      expect(sharded.history.map((m) => m.trainLoss)).toEqual(ddp.history.map((m) => m.trainLoss));
      expect(sharded.state.parameters).toEqual(ddp.state.parameters);
      expect(sharded.state.optimizer).toEqual(ddp.state.optimizer);
    },
  );

  it('ddp holds a full replica of parameters, gradients and optimizer state in every worker', () => {
    const { memory, parameterCount } = result('ddp');

    expect(memory.perWorker).toEqual({
      parameters: 8 * parameterCount,
      gradients: 8 * parameterCount,
      optimizerState: 16 * parameterCount,
    });
  });

  it('counts every buffer: the shared gradient slots of all ranks and the all-gathered parameters (issue 15)', () => {
    const slot = (count: number): number => 8 * (count + 3);
    const ddp = result('ddp');
    const zero3 = result('deepspeed_zero_3');
    const single = result('single_device');

    expect(ddp.memory.shared).toMatchObject({ gradientSlots: 2 * 2 * slot(ddp.parameterCount), parameters: 0 });
    expect(zero3.memory.shared).toMatchObject({
      gradientSlots: 2 * 2 * slot(zero3.parameterCount),
      parameters: 8 * zero3.parameterCount,
    });
    expect(single.memory.privateSlotsPerWorker).toBe(slot(single.parameterCount));
    const own = totalBytes(ddp.memory.perWorker) + ddp.memory.workspacePerWorker;
    expect(reachPerWorker(ddp.memory)).toBe(own + sharedTotal(ddp.memory.shared));
    expect(runTotal(ddp.memory)).toBe(2 * own + sharedTotal(ddp.memory.shared));
    // Stage 3 still saves memory per worker once the shared parameters are counted.
    expect(reachPerWorker(zero3.memory)).toBeLessThan(reachPerWorker(ddp.memory));
  });

  it('stage 1 (and ddp_sharded) holds half the optimizer state of ddp per worker', () => {
    const ddp = result('ddp').memory.perWorker;

    for (const alias of ['deepspeed_zero_1', 'ddp_sharded']) {
      const { perWorker } = result(alias).memory;
      expect(perWorker.optimizerState).toBeLessThan(ddp.optimizerState);
      expect(perWorker.optimizerState).toBeCloseTo(ddp.optimizerState / 2, -2);
      expect(perWorker.parameters).toBe(ddp.parameters);
    }
  });

  it('stage 2 also shards the gradients', () => {
    const ddp = result('ddp').memory.perWorker;
    const { perWorker } = result('deepspeed_zero_2').memory;

    expect(perWorker.gradients).toBeCloseTo(ddp.gradients / 2, -1);
    expect(perWorker.parameters).toBe(ddp.parameters);
  });

  it('stage 3 holds about 1/N of the parameters per worker', () => {
    const { memory, parameterCount } = result('deepspeed_zero_3');

    expect(memory.perWorker.parameters).toBe(8 * Math.ceil(parameterCount / 2));
    expect(totalBytes(memory.perWorker)).toBeLessThanOrEqual(
      Math.ceil(totalBytes(result('ddp').memory.perWorker) / 2) + 32,
    );
  });

  it('offload holds no optimizer state (nor parameters) in the workers; the host holds it', () => {
    const { memory, parameterCount } = result('deepspeed_zero_3_offload');

    expect(memory.perWorker).toEqual({ parameters: 0, gradients: 0, optimizerState: 0 });
    expect(memory.host.optimizerState).toBe(16 * parameterCount);
  });
});

describe('ddp options', () => {
  it('trains with 3 workers and the same global batch', async () => {
    const three = await createTrainer({
      ...smallRun,
      maxEpochs: 1,
      plugins: [{ alias: 'ddp', options: { workers: 3 } }, '64-true'],
    }).fit();
    const single = await createTrainer({ ...smallRun, maxEpochs: 1, plugins: '64-true' }).fit();

    expect(three.memory.workers).toBe(3);
    expect(maxRelativeDifference(three.state.parameters, single.state.parameters)).toBeLessThan(TOLERANCE);
  });

  it('ddp_find_unused_parameters_true counts parameters without gradient (dead ReLU units)', async () => {
    const result = await createTrainer({
      ...smallRun,
      activation: 'relu',
      hidden: [16, 16],
      learningRate: 0.2,
      maxEpochs: 2,
      plugins: 'ddp_find_unused_parameters_true',
    }).fit();

    expect(result.plugins.strategy).toContain('find unused parameters');
    expect(Math.max(...result.history.map((m) => m.unusedParameters))).toBeGreaterThan(0);
  });
});

describe('worker failures', () => {
  /** A strategy whose plan leaves the workers without parameters (registered with what ddp injects). */
  class BrokenStrategy extends DdpStrategy {
    override readonly label = 'broken';
    override readonly plan: ParallelPlan = { ...singleRankPlan, worldSize: 2, offloadParameters: true };
  }

  it('rejects fit with the worker error and stops every worker', async () => {
    const { inject } = trainerRegistry.get('ddp');
    using _ = trainerRegistry.register(BrokenStrategy, { alias: 'broken', kind: 'strategy', inject: inject ?? [] });
    const container = createTrainerContainer({ ...smallRun, maxEpochs: 2, plugins: 'broken' });

    const fit = container.get(Trainer).fit();

    await expect(fit).rejects.toThrow(/^Training worker [01] failed: This rank has no parameters to compute with\.$/);
    expect(container.get(WorkerPool).counts).toEqual({ started: 2, running: 0 });
  });
});
