// The trainer's services as the container wires them, and swapped the way plugboard's README tells users to.
import 'reflect-metadata';
import { describe, expect, it, jest } from '@jest/globals';
import { existsSync } from 'node:fs';
import { overridePlugin, withPluginOverrides } from 'plugboard/testing';
import { FakeStrategy } from './fake-strategy.js';
import { smallRun } from './fixtures.js';
import { CsvLogger } from '../plugins/csv-logger.js';
import { JsonCheckpointIO } from '../plugins/json-checkpoint-io.js';
import { CLOCK, type Clock } from '../services/clock.js';
import { InMemoryFileSystem } from '../services/memory-file-system.js';
import { WorkerPool } from '../services/worker-pool.js';
import { createTrainerContainer } from '../trainer/create-trainer.js';
import { SELECTED } from '../trainer/plugin-tokens.js';
import { Trainer } from '../trainer/trainer.js';
import { TrainerInputError } from '../trainer/trainer-input-error.js';

// Worker threads start slowly on a busy 2-core machine: a generous limit, not a timing assertion.
jest.setTimeout(60_000);

/** A clock that advances 5 ms each time it is read. */
const steppingClock = (): Clock => {
  let now = 0;
  return { now: () => (now += 5) };
};

describe('trainer services', () => {
  it('injects the selected precision, the worker pool, the log and the clock into a strategy', async () => {
    const messages: string[] = [];
    const container = createTrainerContainer(
      { ...smallRun, maxEpochs: 1, plugins: 'ddp, bf16-mixed' },
      { log: { info: (message) => messages.push(message) }, clock: steppingClock() },
    );

    const trainer = container.get(Trainer);
    await trainer.fit();

    expect(trainer.strategy.precision).toBe(container.get(SELECTED.precision));
    expect(trainer.strategy.precision.compute).toBe('bfloat16');
    expect(messages[0]).toBe('ddp (2 workers): 2 worker threads ready in 5 ms');
    expect(container.get(WorkerPool).counts).toEqual({ started: 2, running: 0 });
    expect(container.get(CLOCK)).toBe(container.get(CLOCK));
  });

  it('overridePlugin: a fake strategy (made with the container precision) trains in place of the default', async () => {
    const container = createTrainerContainer({ ...smallRun, maxEpochs: 3 });
    const fake = new FakeStrategy(container.get(SELECTED.precision));
    using _ = overridePlugin(container, 'single_device', fake);

    const result = await container.get(Trainer).fit();

    expect(result.plugins.strategy).toBe('fake');
    expect(result.history.map((m) => m.trainLoss)).toEqual([0.9, 0.8, 0.7]);
    expect(fake.closed).toBe(1);
  });

  it('an in-memory file system receives checkpoints, CSV and JSON lines metrics, and the best checkpoint', async () => {
    const fs = new InMemoryFileSystem();
    const container = createTrainerContainer(
      {
        ...smallRun,
        maxEpochs: 5,
        checkpointDir: 'ckpt',
        plugins:
          'json, csv_logger(dir=logs), jsonl_logger(dir=logs), model_checkpoint(dir=best, filename=best), lr_monitor',
      },
      { fileSystem: fs },
    );
    using _ = overridePlugin(container, 'single_device', new FakeStrategy(container.get(SELECTED.precision)));

    await container.get(Trainer).fit();

    expect([...fs.files.keys()].sort()).toEqual([
      'best/best.json',
      'ckpt/last.json',
      'logs/version_0/metrics.csv',
      'logs/version_0/metrics.jsonl',
    ]);
    const csv = fs.text('logs/version_0/metrics.csv');
    expect(csv?.split('\n')[0]).toBe('epoch,train_loss,train_acc,val_loss,val_acc,seconds,lr');
    expect(csv?.split('\n')).toHaveLength(7);
    expect(JSON.parse(fs.text('logs/version_0/metrics.jsonl')?.split('\n')[2] ?? '')).toMatchObject({
      epoch: 3,
      val_loss: 0.7,
      lr: 0.03,
    });
    // The best validation loss was epoch 3's: model_checkpoint saved it then and not after.
    expect(JSON.parse(fs.text('best/best.json') ?? '')).toMatchObject({ epoch: 3 });
  });

  it('withPluginOverrides: a checkpoint format writing into memory, only while the callback runs', async () => {
    const hadCheckpointDir = existsSync('ckpt');
    const fs = new InMemoryFileSystem();
    // The container's own file system is in memory too (another one): the run checks that it can write to
    // ckpt/ before training, which would leave an empty ckpt/ folder in the checkout (issue 27).
    const container = createTrainerContainer(
      { ...smallRun, maxEpochs: 2, checkpointDir: 'ckpt', plugins: 'json' },
      { fileSystem: new InMemoryFileSystem() },
    );

    const result = await withPluginOverrides(
      container,
      {
        json: (options: ConstructorParameters<typeof JsonCheckpointIO>[0]) => new JsonCheckpointIO(options, fs),
        single_device: () => new FakeStrategy(container.get(SELECTED.precision)),
      },
      () => container.get(Trainer).fit(),
    );

    expect(result.checkpointPath).toBe('ckpt/last.json');
    expect(fs.files.has('ckpt/last.json')).toBe(true);
    if (!hadCheckpointDir) expect(existsSync('ckpt')).toBe(false);
  });

  it('refuses an output folder it cannot write before the strategy starts (issue 15)', async () => {
    const fs = new InMemoryFileSystem();
    fs.readOnly.add('/readonly');
    const container = createTrainerContainer(
      { ...smallRun, plugins: 'csv_logger(dir=/readonly/logs)' },
      { fileSystem: fs },
    );
    const fake = new FakeStrategy(container.get(SELECTED.precision));
    using _ = overridePlugin(container, 'single_device', fake);

    const fit = container.get(Trainer).fit();

    await expect(fit).rejects.toThrow(TrainerInputError);
    await expect(fit).rejects.toThrow(
      "Cannot write to /readonly/logs (csv_logger (/readonly/logs/version_<n>/metrics.csv)): EACCES: permission denied, open '/readonly/logs/'. Nothing was trained.",
    );
    expect(fake.launches).toHaveLength(0);
  });

  it('refuses --epochs at or below the epoch of the checkpoint it resumes (issue 15)', async () => {
    const fs = new InMemoryFileSystem();
    const first = createTrainerContainer({ ...smallRun, maxEpochs: 3, checkpointDir: 'ckpt' }, { fileSystem: fs });
    await first.get(Trainer).fit();
    const again = createTrainerContainer({ ...smallRun, maxEpochs: 3 }, { fileSystem: fs });

    await expect(again.get(Trainer).fit({ resumeFrom: 'ckpt/last.ckpt' })).rejects.toThrow(
      'Nothing to train: ckpt/last.ckpt is at epoch 3 and the run stops at epoch 3. Pass a number of epochs above 3 (such as --epochs 13).',
    );
  });

  it('refuses more workers than rows in a batch, before starting any (issue 15)', async () => {
    const container = createTrainerContainer({ ...smallRun, batchSize: 4, plugins: 'ddp(workers=6)' });

    await expect(container.get(Trainer).fit()).rejects.toThrow(
      'ddp (6 workers) splits every batch of 4 rows across 6 workers: 2 would get none. Use at most 4 workers, or a larger batch size.',
    );
    expect(container.get(WorkerPool).counts).toEqual({ started: 0, running: 0 });
  });

  it('an aborted signal ends training and every worker', async () => {
    const interrupt = new AbortController();
    const container = createTrainerContainer({
      ...smallRun,
      maxEpochs: 50,
      plugins: 'ddp',
      onEvent: (event) => {
        if (event.type === 'epoch') interrupt.abort();
      },
    });

    await expect(container.get(Trainer).fit({ signal: interrupt.signal })).rejects.toThrow('aborted');
    expect(container.get(WorkerPool).counts).toEqual({ started: 2, running: 0 });
  });

  it('csv_logger takes its options and the FileSystem from the container', () => {
    const fs = new InMemoryFileSystem();
    const container = createTrainerContainer({ plugins: 'csv_logger(dir=out)' }, { fileSystem: fs });

    const [logger] = container.get(SELECTED.loggers);

    expect(logger).toBeInstanceOf(CsvLogger);
    expect(logger?.label).toBe('csv_logger (out/version_<n>/metrics.csv)');
  });
});
