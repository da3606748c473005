// Rules between the trainer's plugins, declared on their registrations and checked before anything is built.
import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { PluginConstraintError } from 'plugboard';
import { thrown } from '../../../test/support/thrown.js';
import type { Callback } from '../plugins/callback.js';
import { WorkerPool } from '../services/worker-pool.js';
import { createTrainerContainer, disposeTrainer } from '../trainer/create-trainer.js';
import { PluginPlan } from '../trainer/plugin-plan.js';
import { trainerRegistry } from '../registry.js';
import { Trainer } from '../trainer/trainer.js';
import { smallRun } from './fixtures.js';
import '../plugins/index.js';

describe('trainer rules', () => {
  it('fills in each kind the selection leaves out from defineKind defaults', () => {
    const plan = new PluginPlan('ddp', trainerRegistry, '--plugins');

    expect(plan.plugins.map((p) => `${p.text} ${p.kind} ${p.source}`)).toEqual([
      'ddp strategy --plugins',
      '32-true precision default',
      'binary checkpoint_io default',
      'console_logger logger default',
    ]);
  });

  it('refuses to find unused parameters with float16 gradients, naming both plugins (a check on the strategy)', () => {
    const error = thrown(() => new PluginPlan('ddp_find_unused_parameters_true, 16-mixed', trainerRegistry));

    expect(error).toBeInstanceOf(PluginConstraintError);
    expect(error.message).toMatch(
      /^The plugin selection breaks 1 rule\(s\):\n {2}- "ddp_find_unused_parameters_true": finding unused parameters needs gradients that do not underflow, and "16-mixed" computes in float16; use bf16-mixed or 32-true \(check\)/,
    );
  });

  it('takes the rule from options too: ddp(findUnusedParameters=true) with a float16 precision', () => {
    expect(() => new PluginPlan('ddp(findUnusedParameters=true), 16-mixed', trainerRegistry)).toThrow(
      PluginConstraintError,
    );
    expect(() => new PluginPlan('ddp(findUnusedParameters=true), bf16-mixed', trainerRegistry)).not.toThrow();
  });

  it('refuses two csv_loggers writing one file, once', () => {
    const error = thrown(
      () => new PluginPlan('csv_logger(dir=out), csv_logger(dir=out), jsonl_logger', trainerRegistry),
    );

    expect(error.message).toMatch(
      /^The plugin selection breaks 1 rule\(s\):\n {2}- "csv_logger": 2 csv_loggers would write the same files, out\/version_<n>\/metrics.csv \(check\)/,
    );
    expect(() => new PluginPlan('csv_logger(dir=a), csv_logger(dir=b)', trainerRegistry)).not.toThrow();
  });

  it('disposing the trainer tears the strategy down through its resolution scope, even when fit never ends', async () => {
    let epochSeen: () => void = () => undefined;
    const seen = new Promise<void>((resolve) => (epochSeen = resolve));
    class StuckCallback implements Callback {
      readonly label = 'stuck';
      onEpochEnd(): Promise<void> {
        epochSeen();
        return new Promise<void>(() => undefined);
      }
    }
    const stuck = new StuckCallback();
    const container = createTrainerContainer({ ...smallRun, maxEpochs: 5, plugins: ['ddp', stuck] });
    void container.get(Trainer).fit();
    await seen;
    expect(container.get(WorkerPool).counts).toEqual({ started: 2, running: 2 });

    await disposeTrainer(container);

    expect(container.get(WorkerPool).counts).toEqual({ started: 2, running: 0 });
  });
});
