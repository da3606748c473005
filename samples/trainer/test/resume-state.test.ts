import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import type { PluginSelection } from 'plugboard';
import { overridePlugin } from 'plugboard/testing';
import { FakeStrategy } from './fake-strategy.js';
import { smallRun } from './fixtures.js';
import type { Callback } from '../plugins/callback.js';
import type { MetricsLogger } from '../plugins/metrics-logger.js';
import { InMemoryFileSystem } from '../services/memory-file-system.js';
import { createTrainerContainer, disposeTrainer } from '../trainer/create-trainer.js';
import type { FitResult } from '../trainer/fit-result.js';
import { SELECTED } from '../trainer/plugin-tokens.js';
import { Trainer } from '../trainer/trainer.js';
import { TrainerInputError } from '../trainer/trainer-input-error.js';

// Issue 26: checkpoints keep the state of stateful plugins (early_stopping's patience, model_checkpoint's best
// values), model_checkpoint keeps the top k by a template, loggers never overwrite, and callbacks get more hooks.
// FakeStrategy's validation losses by epoch: 0.9, 0.8, 0.7, 0.75, 0.76, 0.77, 0.78, 0.79.

/** Fits with FakeStrategy into `fs`, `resumeFrom` a checkpoint if given. */
async function fit(
  fs: InMemoryFileSystem,
  plugins: PluginSelection,
  maxEpochs: number,
  resumeFrom?: string,
): Promise<FitResult> {
  const container = createTrainerContainer(
    { ...smallRun, maxEpochs, checkpointDir: 'ckpt', plugins },
    { fileSystem: fs },
  );
  using _ = overridePlugin(container, 'single_device', new FakeStrategy(container.get(SELECTED.precision)));
  try {
    return await container.get(Trainer).fit(resumeFrom === undefined ? {} : { resumeFrom });
  } finally {
    await disposeTrainer(container);
  }
}

describe('stateful plugins across a resume', () => {
  it('early_stopping keeps its patience: 4 + resume stops at epoch 6, as one run of 10 does', async () => {
    const [whole, split] = [new InMemoryFileSystem(), new InMemoryFileSystem()];

    const once = await fit(whole, 'json, early_stopping(patience=3)', 10);
    await fit(split, 'json, early_stopping(patience=3)', 4);
    const resumed = await fit(split, 'json, early_stopping(patience=3)', 10, 'last');

    expect(once.history.at(-1)?.epoch).toBe(6);
    expect(resumed.history.at(-1)?.epoch).toBe(6);
    expect(resumed.stoppedBecause).toBe('val_loss did not improve for 3 epochs (best 0.7000)');
  });

  it('model_checkpoint keeps the top k by the monitored metric, named by its template, removing the rest', async () => {
    const fs = new InMemoryFileSystem();
    const options = { dir: 'best', saveTopK: 2, filename: '{epoch}-{val_loss:.2f}' };

    await fit(fs, ['json', { alias: 'model_checkpoint', options }], 8);

    expect([...fs.files.keys()].filter((path) => path.startsWith('best/')).sort()).toEqual([
      'best/epoch=3-val_loss=0.70.json',
      'best/epoch=4-val_loss=0.75.json',
    ]);
  });

  it('model_checkpoint goes on comparing with the saved top k after a resume', async () => {
    const fs = new InMemoryFileSystem();
    const plugins = ['json', { alias: 'model_checkpoint', options: { dir: 'best', saveTopK: 2 } }];

    await fit(fs, plugins, 3);
    await fit(fs, plugins, 8, 'ckpt/last.json');

    // Without its state, the resumed run would keep epochs 4 and 5 and leave epoch 2's file behind.
    expect([...fs.files.keys()].filter((path) => path.startsWith('best/')).sort()).toEqual([
      'best/epoch=3-step=0.json',
      'best/epoch=4-step=0.json',
    ]);
  });

  it('model_checkpoint considers only every n-th epoch', async () => {
    const fs = new InMemoryFileSystem();

    await fit(
      fs,
      ['json', { alias: 'model_checkpoint', options: { dir: 'best', everyNEpochs: 2, filename: '{epoch}' } }],
      8,
    );

    expect([...fs.files.keys()].filter((path) => path.startsWith('best/'))).toEqual(['best/epoch=4.json']);
  });

  it('refuses a filename template that would overwrite the top k, or names an unknown value', () => {
    expect(() =>
      createTrainerContainer({
        plugins: [{ alias: 'model_checkpoint', options: { saveTopK: 3, filename: 'best' } }],
      }).get(Trainer),
    ).toThrow('filename needs {epoch} or {step} when saveTopK is not 1');
    expect(() =>
      createTrainerContainer({ plugins: [{ alias: 'model_checkpoint', options: { filename: '{loss}' } }] }).get(
        Trainer,
      ),
    ).toThrow('filename may use {epoch}, {step} and {val_loss}');
  });

  it('refuses a saved state a plugin cannot read, before training', async () => {
    const fs = new InMemoryFileSystem();
    await fit(fs, 'json, early_stopping', 2);
    const saved = JSON.parse(fs.text('ckpt/last.json') ?? '') as { pluginStates: Record<string, unknown> };
    saved.pluginStates['early_stopping(val_loss)'] = { version: 9, state: {} };
    await fs.writeFile('ckpt/last.json', JSON.stringify(saved));

    const resumed = fit(fs, 'json, early_stopping', 5, 'ckpt/last.json');

    await expect(resumed).rejects.toThrow(TrainerInputError);
    await expect(resumed).rejects.toThrow(
      'Cannot resume from ckpt/last.json: the state saved for "early_stopping(val_loss)" cannot be restored: ' +
        'early_stopping reads state version 1, got 9.',
    );
  });

  it('refuses two plugins that would keep their state under one key', async () => {
    const fs = new InMemoryFileSystem();

    await expect(fit(fs, 'json, early_stopping(patience=2), early_stopping(patience=5)', 2)).rejects.toThrow(
      'Two plugins of this run keep their state under the same key "early_stopping(val_loss)"',
    );
  });
});

describe('loggers never overwrite a previous run', () => {
  it('a resumed run logs into the next version folder; both runs keep their rows', async () => {
    const fs = new InMemoryFileSystem();

    await fit(fs, 'json, csv_logger(dir=logs), jsonl_logger(dir=logs)', 2);
    await fit(fs, 'json, csv_logger(dir=logs), jsonl_logger(dir=logs)', 4, 'last');

    const epochs = (path: string): string[] =>
      (fs.text(path) ?? '')
        .trim()
        .split('\n')
        .slice(1)
        .map((row) => row.split(',')[0] ?? '');
    expect(epochs('logs/version_0/metrics.csv')).toEqual(['1', '2']);
    expect(epochs('logs/version_1/metrics.csv')).toEqual(['3', '4']);
    expect(fs.text('logs/version_1/metrics.jsonl')?.trim().split('\n')).toHaveLength(2);
  });
});

describe('callback hooks', () => {
  it('run in order: fit start, train batch ends, validation end, epoch end, fit end', async () => {
    const calls: string[] = [];
    const recorder: Callback = {
      label: 'recorder',
      onFitStart: ({ firstEpoch, maxEpochs }) =>
        void calls.push(`fit start ${String(firstEpoch)}..${String(maxEpochs)}`),
      onTrainBatchEnd: ({ epoch, step }) => void calls.push(`batch ${String(epoch)}.${String(step)}`),
      onValidationEnd: ({ epoch, metrics }) =>
        void calls.push(`validation ${String(epoch)} ${String(metrics.val_loss !== undefined)}`),
      onEpochEnd: ({ epoch, globalStep }) => void calls.push(`epoch ${String(epoch)} step ${String(globalStep)}`),
      onFitEnd: ({ lastEpoch }) => void calls.push(`fit end ${String(lastEpoch)}`),
      onException: () => void calls.push('exception'),
    };
    const container = createTrainerContainer({ ...smallRun, maxEpochs: 2, plugins: [recorder] });

    try {
      await container.get(Trainer).fit();
    } finally {
      await disposeTrainer(container);
    }

    // smallRun: 192 training points in batches of 32, 6 steps an epoch.
    const batches = (epoch: number): string[] =>
      [1, 2, 3, 4, 5, 6].map((step) => `batch ${String(epoch)}.${String(step)}`);
    expect(calls).toEqual([
      'fit start 1..2',
      ...batches(1),
      'validation 1 true',
      'epoch 1 step 6',
      ...batches(2),
      'validation 2 true',
      'epoch 2 step 12',
      'fit end 2',
    ]);
  });

  it('onException sees the error that ends the fit, which is rethrown even when a hook throws', async () => {
    const seen: unknown[] = [];
    const broken = new Error('disk full');
    const logger: MetricsLogger = {
      label: 'failing',
      logMetrics: () => {
        throw broken;
      },
    };
    const watcher: Callback = { label: 'watcher', onException: (error) => void seen.push(error) };
    const throwing: Callback = {
      label: 'throwing',
      onException: () => {
        throw new Error('hook failed too');
      },
    };
    const container = createTrainerContainer({ ...smallRun, maxEpochs: 2, plugins: [throwing, watcher, logger] });

    try {
      await expect(container.get(Trainer).fit()).rejects.toBe(broken);
    } finally {
      await disposeTrainer(container);
    }

    expect(seen).toEqual([broken]);
  });
});
