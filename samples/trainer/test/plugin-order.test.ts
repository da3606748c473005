import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { PLUGIN_OPTIONS } from 'plugboard';
import type { Output } from '../cli/output.js';
import { runCli } from '../cli/run-cli.js';
import '../plugins/index.js';
import { trainerRegistry } from '../registry.js';
import { CLOCK } from '../services/clock.js';
import { LOG } from '../services/log.js';
import { WorkerPool } from '../services/worker-pool.js';
import { createTrainerContainer, disposeTrainer } from '../trainer/create-trainer.js';
import { PluginPlan } from '../trainer/plugin-plan.js';
import { SELECTED } from '../trainer/plugin-tokens.js';
import { Trainer } from '../trainer/trainer.js';

// Issues 24 and 27 as the trainer uses them: callbacks declare their order, and plugins declare their
// constructor's dependencies with `inject` instead of parameter decorators.

const capture = (): Output & { text: () => string } => {
  const chunks: string[] = [];
  return { isTTY: false, write: (text) => void chunks.push(text), text: () => chunks.join('') };
};

describe('the order of callbacks', () => {
  it('runs them in the declared order whatever order the selection types them in', async () => {
    const container = createTrainerContainer({
      maxEpochs: 1,
      plugins: 'model_checkpoint(dir=best), early_stopping, lr_monitor',
    });
    try {
      const trainer = container.get(Trainer);

      expect(
        container
          .get(PluginPlan)
          .of('callback')
          .map((p) => p.text),
      ).toEqual(['lr_monitor', 'early_stopping', 'model_checkpoint(dir=best)']);
      expect(trainer.callbacks.map((callback) => callback.label)).toEqual([
        'lr_monitor',
        'early_stopping (val_loss, patience 3)',
        'model_checkpoint (best, top 1 by val_loss)',
      ]);
    } finally {
      await disposeTrainer(container);
    }
  });

  it('the first screen shows the order used and why', async () => {
    const [stdout, stderr] = [capture(), capture()];

    const code = await runCli(['--list-plugins'], { stdout, stderr });
    const run = await runCli(['--epochs', '1', '--plugins', 'early_stopping, lr_monitor'], { stdout, stderr });

    expect([code, run]).toEqual([0, 0]);
    expect(stdout.text()).toContain('\ncallbacks run: lr_monitor (first), early_stopping\n');
  });
});

describe('dependencies declared as data', () => {
  it.each([
    ['ddp', [PLUGIN_OPTIONS, SELECTED.precision, WorkerPool, LOG, CLOCK]],
    ['deepspeed_stage_3_offload', [PLUGIN_OPTIONS, SELECTED.precision, WorkerPool, LOG, CLOCK]],
    ['single_device', [SELECTED.precision]],
    ['console_logger', [LOG]],
  ])('%s lists its constructor parameters in inject', (alias, tokens) => {
    expect(trainerRegistry.get(alias).inject?.map((item) => item.token)).toEqual(tokens);
  });
});
