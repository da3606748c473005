import 'reflect-metadata';
import { describe, expect, it, jest } from '@jest/globals';
import { InvalidPluginOptionsError, PluginConflictError, UnknownPluginError } from 'plugboard';
import { thrown } from '../../../test/support/thrown.js';
import { smallRun } from './fixtures.js';
import { DdpStrategy } from '../plugins/ddp-strategy.js';
import { DeepSpeedStrategy } from '../plugins/deepspeed-strategy.js';
import { PrecisionPlugin } from '../plugins/precision-plugin.js';
import { SingleDeviceStrategy } from '../plugins/single-device-strategy.js';
import { trainerRegistry } from '../registry.js';
import { createTrainer } from '../trainer/create-trainer.js';
import { Trainer } from '../trainer/trainer.js';

describe(Trainer.name, () => {
  it('defaults to single_device, 32-true and binary checkpoints', () => {
    const trainer = createTrainer();

    expect(trainer.strategy).toBeInstanceOf(SingleDeviceStrategy);
    expect(trainer.plugins).toEqual({
      strategy: 'single_device',
      precision: 'float32',
      checkpointIO: 'binary',
      loggers: ['console_logger'],
      callbacks: [],
    });
  });

  it('resolves aliases of any spelling, { alias, options } and instances', () => {
    const trainer = createTrainer({
      plugins: [
        'DeepSpeed-Zero-3-Offload',
        { alias: 'json', options: { pretty: true } },
        new PrecisionPlugin({ compute: 'bfloat16' }),
      ],
    });

    expect(trainer.strategy).toBeInstanceOf(DeepSpeedStrategy);
    expect(trainer.strategy.plan).toEqual({
      worldSize: 2,
      stage: 3,
      offloadOptimizer: true,
      offloadParameters: true,
      findUnusedParameters: false,
    });
    expect(trainer.checkpointIO.label).toBe('json');
    expect(trainer.precision.compute).toBe('bfloat16');
  });

  it('passes options to the variant: ddp with 4 workers', () => {
    const trainer = createTrainer({ plugins: { alias: 'ddp', options: { workers: 4 } } });

    expect(trainer.strategy).toBeInstanceOf(DdpStrategy);
    expect(trainer.strategy.plan.worldSize).toBe(4);
  });

  it('reads the selection syntax from the command line: options in parentheses, several plugins', () => {
    const trainer = createTrainer({ plugins: 'deepspeed_zero_3(workers=3, offloadOptimizer=true), json' });

    expect(trainer.strategy.plan).toMatchObject({ worldSize: 3, stage: 3, offloadOptimizer: true });
    expect(trainer.checkpointIO.label).toBe('json');
  });

  // issue 26: Lightning's strategy registry registers these names today; they are not deprecated here either.
  it.each([
    ['deepspeed_stage_1', { stage: 1, offloadOptimizer: false }],
    ['deepspeed_stage_1_offload', { stage: 1, offloadOptimizer: true }],
    ['deepspeed_stage_2', { stage: 2, offloadOptimizer: false }],
    ['deepspeed_stage_2_offload', { stage: 2, offloadOptimizer: true, offloadParameters: false }],
    ['deepspeed_stage_3', { stage: 3, offloadOptimizer: false }],
    ['deepspeed_stage_3_offload', { stage: 3, offloadOptimizer: true, offloadParameters: true }],
    ['ddp_spawn', { stage: 0, worldSize: 2 }],
    ['ddp_find_unused_parameters_false', { stage: 0, findUnusedParameters: false }],
  ])("takes Lightning's name %s as a first-class alias, without a warning", (alias, plan) => {
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const trainer = createTrainer({ plugins: alias });

      expect(trainer.strategy.plan).toMatchObject(plan);
      expect(warn).not.toHaveBeenCalled();
      expect(trainerRegistry.availablePlugins()).toContain(alias);
      expect(trainerRegistry.deprecations()).toEqual([]);
    } finally {
      warn.mockRestore();
    }
  });

  it('names close matches for an unknown alias', () => {
    expect(() => createTrainer({ plugins: 'deepsped' })).toThrow(UnknownPluginError);
    expect(() => createTrainer({ plugins: 'deepsped' })).toThrow('Did you mean "deepspeed"?');
  });

  it('refuses two plugins of one kind', () => {
    expect(() => createTrainer({ plugins: ['ddp', 'deepspeed'] })).toThrow(PluginConflictError);
  });

  it('reports bad options with the plugin and every problem', () => {
    const create = (): unknown => createTrainer({ plugins: { alias: 'deepspeed', options: { stage: 4, workers: 0 } } });

    // The plugins declare zod schemas: plugboard checks overrides before building, and lists every problem.
    const error = thrown<InvalidPluginOptionsError>(create);
    expect(error).toBeInstanceOf(InvalidPluginOptionsError);
    expect(error.issues.map((issue) => issue.path)).toEqual([['stage'], ['workers']]);
    expect(error.message).toMatch(/^Invalid options for plugin "deepspeed":\n {2}- stage: .+\n {2}- workers: .+$/);
    expect(() => createTrainer({ plugins: 'ddp(workrs=4)' })).toThrow(InvalidPluginOptionsError);
  });

  it('refuses run options that cannot train, naming each', () => {
    expect(() => createTrainer({ batchSize: 0, hidden: [16, -1] })).toThrow(
      'Invalid trainer options: batchSize must be a positive integer, got 0; hidden[1] must be a positive integer, got -1.',
    );
  });

  it('trains and evaluates: the loss goes down and validation accuracy is high', async () => {
    const { history } = await createTrainer({ ...smallRun, maxEpochs: 8 }).fit();

    expect(history).toHaveLength(8);
    expect(history.at(-1)?.trainLoss).toBeLessThan((history[0]?.trainLoss ?? 0) / 2);
    expect(history.at(-1)?.validationAccuracy).toBeGreaterThan(0.9);
  });
});

describe('trainerRegistry', () => {
  it('describes every plugin and says when to use it', () => {
    const entries = trainerRegistry.list();

    expect(entries.map((entry) => entry.alias)).toEqual(
      expect.arrayContaining([
        'single_device',
        'ddp',
        'ddp_sharded',
        'deepspeed_zero_3_offload',
        '16-mixed',
        'bf16-mixed',
        'json',
        'binary',
      ]),
    );
    for (const entry of entries) {
      expect(entry.description).toBeTruthy();
      expect(entry.recommendedWhen).toBeTruthy();
    }
  });

  it('lists plugins as the RFC prints them', () => {
    expect(trainerRegistry.availablePlugins({ withDescriptions: true, withRecommendations: true })).toContain(
      'deepspeed_zero_3_offload: ZeRO stage 3 with optimizer state and parameters offloaded to the host, ' +
        'recommended when: largest models, little worker memory',
    );
  });
});
