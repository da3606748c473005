import 'reflect-metadata';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { temporaryDirectory } from './fixtures.js';
import type { Output } from '../cli/output.js';
import { runCli } from '../cli/run-cli.js';

// Issue 26: a whole run in one config file (flags override it), --strategy/--precision shorthands and `auto`,
// and every bad input refused with exit 2 before anything is created.
jest.setTimeout(60_000);

const capture = (): Output & { text: () => string } => {
  const chunks: string[] = [];
  return { isTTY: false, write: (text) => void chunks.push(text), text: () => chunks.join('') };
};

let directory: Awaited<ReturnType<typeof temporaryDirectory>>;
beforeEach(async () => {
  directory = await temporaryDirectory();
});
afterEach(async () => {
  await directory.remove();
});

async function run(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const [stdout, stderr] = [capture(), capture()];
  const code = await runCli(args, { stdout, stderr, env });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

async function config(content: unknown): Promise<string> {
  const path = join(directory.path, 'run.json');
  await writeFile(path, JSON.stringify(content));
  return path;
}

const epochLines = (text: string): string[] => text.split('\n').filter((line) => line.startsWith('epoch '));

describe('a whole run in one config file', () => {
  it('takes every run setting from the file', async () => {
    const path = await config({
      plugins: ['json'],
      precision: '64-true',
      epochs: 2,
      seed: 3,
      modelSize: '8x8',
      batchSize: 16,
      learningRate: 0.05,
      checkpointDir: join(directory.path, 'ckpt'),
    });

    const { code, stdout, stderr } = await run(['--config', path]);

    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`  64-true         precision      --config ${path} precision\n`);
    expect(stdout).toContain(`  json            checkpoint_io  --config ${path}\n`);
    expect(stdout).toContain('(seed 3) | model: MLP 2-8-8-3 tanh, 123 parameters | Adam lr 0.05, batch 16');
    expect(epochLines(stdout)).toHaveLength(2);
    expect(await readdir(join(directory.path, 'ckpt'))).toEqual(['last.json']);
  });

  it("lets flags override the file, --precision the file's precision", async () => {
    const path = await config({ plugins: 'json', precision: '64-true', epochs: 3, seed: 3 });

    const { code, stdout } = await run(['--config', path, '--epochs', '1', '--precision', 'bf16-mixed']);

    expect(code).toBe(0);
    expect(stdout).toContain('  bf16-mixed      precision      --precision\n');
    expect(stdout).toContain('(seed 3)');
    expect(epochLines(stdout)).toHaveLength(1);
  });

  it("ignores the file's strategy and precision when another source's plugins are used", async () => {
    const path = await config({ plugins: 'json', precision: '64-true' });

    const { stdout } = await run(['--config', path, '--epochs', '1', '--plugins', 'lr_monitor']);

    expect(stdout).toContain('  32-true         precision      default\n');
  });

  it('refuses a mistyped key with a did-you-mean', async () => {
    const path = await config({ epoch: 3 });

    const { code, stderr, stdout } = await run(['--config', path]);

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`The config file ${path} has unknown keys "epoch" (did you mean "epochs"?); it may have`);
  });

  it('refuses a value of the wrong type or range, naming the key', async () => {
    const path = await config({ epochs: 0, learningRate: 'fast' });

    const { code, stderr } = await run(['--config', path]);

    expect(code).toBe(2);
    expect(stderr).toMatch(new RegExp(`^The config file ${path} has bad values: epochs: .*; learningRate: `));
  });
});

describe('--strategy, --precision and auto', () => {
  it('replaces the plugin of that kind in the selection', async () => {
    const { code, stdout } = await run(['--epochs', '1', '--plugins', '64-true, json', '--precision', 'bf16-mixed']);

    expect(code).toBe(0);
    expect(stdout).toContain('  bf16-mixed      precision      --precision\n');
    expect(stdout).toContain('  json            checkpoint_io  --plugins\n');
    expect(stdout).not.toContain('64-true');
  });

  it('says what auto became and why, from the registry recommendations for this machine and model', async () => {
    const { code, stdout } = await run(['--epochs', '1', '--strategy', 'auto', '--precision', 'auto']);

    expect(code).toBe(0);
    expect(stdout).toContain('  single_device   strategy       --strategy auto\n');
    expect(stdout).toContain('  32-true         precision      --precision auto\n');
    expect(stdout).toMatch(
      /\nstrategy auto -> single_device: recommended when "the model is small or you are debugging" \(this run: \d+ cores, 1,251 parameters\)\n/,
    );
    expect(stdout).toContain('precision auto -> 32-true: recommended when "by default; the reference for accuracy"');
  });

  it('refuses a plugin of another kind', async () => {
    const { code, stderr } = await run(['--strategy', 'bf16-mixed']);

    expect(code).toBe(2);
    expect(stderr).toBe(
      '--strategy takes one strategy (or auto): "bf16-mixed" is a precision. See --list-plugins for the strategy aliases.\n' +
        'Run with --help for usage.\n',
    );
  });

  it('refuses a mistyped alias with the library message, naming the flag', async () => {
    const { code, stderr } = await run(['--strategy', 'deepsped']);

    expect(code).toBe(2);
    expect(stderr).toMatch(/^In --strategy: No plugin "deepsped"\. Did you mean "deepspeed"\?/);
  });
});

describe('sources that are set but broken', () => {
  it('refuses --plugins ""', async () => {
    const { code, stderr } = await run(['--plugins', '']);

    expect(code).toBe(2);
    expect(stderr).toBe(
      '--plugins is empty: name at least one plugin (such as --plugins ddp), or leave it out.\nRun with --help for usage.\n',
    );
  });

  it('refuses a broken TRAINER_PLUGINS beside --plugins, naming it', async () => {
    const { code, stderr, stdout } = await run(['--plugins', 'json'], { TRAINER_PLUGINS: 'deepsped' });

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /^TRAINER_PLUGINS is set but broken \(--plugins is the source in use, but a broken one is not ignored; fix it or unset it\): In TRAINER_PLUGINS: No plugin "deepsped"/,
    );
  });

  it('refuses a config file whose plugins are broken beside --plugins', async () => {
    const path = await config({ plugins: ['ddp', 'deepspeed'] });

    const { code, stderr } = await run(['--config', path, '--plugins', 'json']);

    expect(code).toBe(2);
    expect(stderr).toContain(`--config ${path} is set but broken (--plugins is the source in use`);
    expect(stderr).toContain('Only one plugin of kind "strategy" can be selected');
  });

  it('takes an empty TRAINER_PLUGINS as unset', async () => {
    const { code, stdout } = await run(['--epochs', '1'], { TRAINER_PLUGINS: '  ' });

    expect(code).toBe(0);
    expect(stdout).toContain('  single_device   strategy       default\n');
  });
});

describe('a bad checkpoint to resume: exit 2 before anything is created', () => {
  const outputs = (): string[] => [
    '--checkpoint-dir',
    join(directory.path, 'ckpt'),
    '--plugins',
    `csv_logger(dir=${join(directory.path, 'logs')})`,
    '--report',
    join(directory.path, 'report'),
  ];

  async function saved(): Promise<Uint8Array> {
    const source = join(directory.path, 'source');
    expect((await run(['--epochs', '1', '--checkpoint-dir', source])).code).toBe(0);
    return new Uint8Array(await readFile(join(source, 'last.ckpt')));
  }

  it.each([
    ['a missing path', () => Promise.resolve(join(directory.path, 'missing.ckpt')), 'there is no such file'],
    [
      'a folder',
      async () => {
        await mkdir(join(directory.path, 'folder'));
        return join(directory.path, 'folder');
      },
      'it is a folder, not a checkpoint file',
    ],
    [
      'an unrelated file',
      async () => {
        await writeFile(join(directory.path, 'notes.txt'), 'hello');
        return join(directory.path, 'notes.txt');
      },
      'is in no known checkpoint format (binary, json)',
    ],
    [
      'a truncated checkpoint',
      async () => {
        const bytes = await saved();
        await writeFile(join(directory.path, 'cut.ckpt'), bytes.subarray(0, bytes.length - 100));
        return join(directory.path, 'cut.ckpt');
      },
      'CRC-32 mismatch (the file is damaged)',
    ],
    [
      'a bit-flipped checkpoint',
      async () => {
        const bytes = await saved();
        bytes[bytes.length - 50] = (bytes[bytes.length - 50] ?? 0) ^ 4;
        await writeFile(join(directory.path, 'flip.ckpt'), bytes);
        return join(directory.path, 'flip.ckpt');
      },
      'CRC-32 mismatch (the file is damaged)',
    ],
  ])('%s', async (_, make, reason) => {
    const path = await make();
    const before = await readdir(directory.path);

    const { code, stdout, stderr } = await run(['--epochs', '5', '--resume', path, ...outputs()]);

    expect(code).toBe(2);
    expect(stderr).toContain(`Cannot resume from ${path}: `);
    expect(stderr).toContain(reason);
    expect(stderr).toMatch(/Nothing was trained\.\n$/);
    expect(stdout).not.toContain('epoch 1');
    expect(await readdir(directory.path)).toEqual(before);
  });

  it('--resume last without a checkpoint folder', async () => {
    const { code, stderr } = await run(['--resume', 'last']);

    expect(code).toBe(2);
    expect(stderr).toBe(
      'Cannot resume from "last" without a checkpoint folder: pass --checkpoint-dir DIR (the folder of last.<ext>), ' +
        'or a checkpoint path. Nothing was trained.\n',
    );
  });

  it('--resume last continues last.<ext> of the checkpoint folder', async () => {
    const ckpt = join(directory.path, 'ckpt');
    expect((await run(['--epochs', '2', '--checkpoint-dir', ckpt])).code).toBe(0);

    const { code, stdout } = await run(['--epochs', '3', '--checkpoint-dir', ckpt, '--resume', 'last']);

    expect(code).toBe(0);
    expect(epochLines(stdout).map((line) => line.split(' ')[1])).toEqual(['3']);
  });
});

describe('an output folder that cannot be made', () => {
  it('under /proc is refused with exit 2, without hanging', async () => {
    const { code, stderr } = await run(['--checkpoint-dir', '/proc/plugboard-trainer/ckpt']);

    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^Cannot write to \/proc\/plugboard-trainer\/ckpt \(checkpoint folder\): ENOENT: .*\. Nothing was trained\.\n$/,
    );
  });
});

describe('what a run reports at its end', () => {
  it('the measured peak resident memory beside the counted buffers, and where the metrics went', async () => {
    const logs = join(directory.path, 'logs');

    const first = await run(['--epochs', '1', '--plugins', `csv_logger(dir=${logs})`]);
    const second = await run(['--epochs', '1', '--plugins', `csv_logger(dir=${logs})`]);

    expect(first.stdout).toMatch(
      /\nmemory measured: peak resident [\d.]+ (MiB|GiB), [\d.]+ (B|KiB|MiB|GiB) above the [\d.]+ (MiB|GiB) before training \(the buffers counted above: 82\.1 KiB\)\n/,
    );
    expect(first.stdout).toContain(`\nmetrics: ${join(logs, 'version_0', 'metrics.csv')}\n`);
    expect(second.stdout).toContain(`\nmetrics: ${join(logs, 'version_1', 'metrics.csv')}\n`);
    expect(await readdir(logs)).toEqual(['version_0', 'version_1']);
  });
});

describe('--trace', () => {
  it('prints every plugin resolve and disposal from the diagnostics channels to stderr, and stops listening', async () => {
    const { code, stderr } = await run(['--epochs', '1', '--trace', '--plugins', 'json']);
    const again = await run(['--epochs', '1', '--plugins', 'json']);

    expect(code).toBe(0);
    const lines = stderr.trim().split('\n');
    expect(lines.map((line) => line.replace(/ [\d.]+ ms$/, ''))).toEqual([
      'trace: resolve 32-true (precision)',
      'trace: resolve json (checkpoint_io)',
      'trace: resolve single_device (strategy)',
      'trace: resolve console_logger (logger)',
      'trace: dispose console_logger (logger)',
      'trace: dispose single_device (strategy)',
      'trace: dispose json (checkpoint_io)',
      'trace: dispose 32-true (precision)',
    ]);
    expect(lines.every((line) => / \d+\.\d ms$/.test(line))).toBe(true);
    expect(again.stderr).toBe('');
  });
});

describe('--setup-timeout', () => {
  it('names a plugin whose set-up does not finish in time, and trains nothing (exit 1)', async () => {
    const began = performance.now();

    const { code, stdout, stderr } = await run([
      '--plugins',
      'slow_logger(setupMs=1500)',
      '--setup-timeout',
      '200',
      '--checkpoint-dir',
      join(directory.path, 'ckpt'),
    ]);

    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^Plugin "slow_logger" \(kind "logger", SlowLogger \(samples\/trainer\/plugins\/slow-logger\.ts:\d+\)\) did not finish its set-up within 200 ms\. .*\nNothing was trained\.\n$/,
    );
    expect(stdout).not.toMatch(/^epoch 1 /m);
    expect(performance.now() - began).toBeLessThan(4_000);
    expect(await readdir(directory.path)).toEqual([]);
  });

  it('lets a plugin set up within the limit, from the config file too', async () => {
    const path = await config({ plugins: 'slow_logger(setupMs=50)', setupTimeoutMs: 5000, epochs: 1 });

    const { code, stderr } = await run(['--config', path]);

    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describe('the plugin lock in checkpoints, --print-config and --explain', () => {
  const finalLoss = (stdout: string): string | undefined => /final loss (\d\.\d{4})/.exec(stdout)?.[1];
  const lockHash = async (folder: string): Promise<unknown> =>
    (JSON.parse(await readFile(join(folder, 'last.json'), 'utf8')) as { lock: { hash: unknown } }).lock.hash;

  it('--print-config writes only the run as a config file; fed back with --config it gives the same lock and loss', async () => {
    const [a, b] = [join(directory.path, 'a'), join(directory.path, 'b')];
    const args = ['--plugins', 'json, early_stopping(patience=2)', '--precision', 'auto', '--epochs', '3'];

    const printed = await run([...args, '--checkpoint-dir', a, '--print-config']);
    const path = join(directory.path, 'run.json');
    await writeFile(path, printed.stdout);
    const first = await run([...args, '--checkpoint-dir', a]);
    const second = await run(['--config', path, '--checkpoint-dir', b]);

    expect(printed.code).toBe(0);
    expect(printed.stderr).toBe('');
    expect(JSON.parse(printed.stdout)).toMatchObject({
      plugins: [
        { alias: '32-true', options: { compute: 'float32', master: 'float32', lossScaling: false } },
        { alias: 'json', options: { pretty: false } },
        { alias: 'early_stopping', options: { patience: 2, monitor: 'val_loss', minDelta: 0 } },
      ],
      epochs: 3,
      seed: 7,
      modelSize: '32x32',
      checkpointDir: a,
    });
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(await lockHash(b)).toBe(await lockHash(a));
    expect(finalLoss(second.stdout)).toBe(finalLoss(first.stdout));
  });

  it('refuses to resume under another precision, with the difference, unless --allow-plugin-changes', async () => {
    const ckpt = join(directory.path, 'ckpt');
    await run(['--epochs', '1', '--checkpoint-dir', ckpt]);

    const refused = await run([
      '--epochs',
      '2',
      '--checkpoint-dir',
      ckpt,
      '--resume',
      'last',
      '--precision',
      '64-true',
    ]);
    const allowed = await run([
      ...['--epochs', '2', '--checkpoint-dir', ckpt, '--resume', 'last', '--precision', '64-true'],
      '--allow-plugin-changes',
    ]);

    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `Cannot resume from ${join(ckpt, 'last.ckpt')}: the run's strategy or precision differs from the checkpoint's:\n` +
        '  - precision: "32-true" replaced by "64-true"\n' +
        'Resume with the plugins it was written with, or pass --allow-plugin-changes to go on with these. Nothing was trained.\n',
    );
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain(
      `plugins changed since ${join(ckpt, 'last.ckpt')} (--allow-plugin-changes):\n  - precision: "32-true" replaced by "64-true"\n`,
    );
  });

  it('lists, and allows, a change of logger on resume', async () => {
    const ckpt = join(directory.path, 'ckpt');
    await run(['--epochs', '1', '--checkpoint-dir', ckpt]);

    const resumed = await run([
      '--epochs',
      '2',
      '--checkpoint-dir',
      ckpt,
      '--resume',
      'last',
      '--plugins',
      'lr_monitor',
    ]);

    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(
      `plugins changed since ${join(ckpt, 'last.ckpt')} (allowed: they do not change the numbers):\n  - `,
    );
  });

  it('--explain says where every plugin and option came from, and trains nothing', async () => {
    const { code, stdout } = await run(['--explain', '--plugins', 'ddp(workers=3)', '--precision', 'bf16-mixed']);

    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^plugins \(typed -> registered, kind, from, registered at\), and every option with its origin:\n/,
    );
    expect(stdout).toMatch(/\n {2}ddp -> ddp {2}strategy {2}--plugins {2}plugins\/ddp-strategy\.ts:\d+\n/);
    expect(stdout).toContain('\n      workers = 3  (--plugins (object))\n');
    expect(stdout).toContain('\n      findUnusedParameters = false  (the schema default)\n');
    expect(stdout).toMatch(
      /\n {2}bf16-mixed -> bf16-mixed {2}precision {2}--precision {2}plugins\/precision-plugin\.ts:\d+\n/,
    );
    expect(stdout).toContain('\n      compute = "bfloat16"  (the params of bf16-mixed)\n');
    expect(stdout).not.toContain('epoch 1');
  });
});
