import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { temporaryDirectory } from './fixtures.js';

// Worker threads start slowly on a busy 2-core machine: a generous limit, not a timing assertion.
jest.setTimeout(90_000);

const root = fileURLToPath(new URL('../../..', import.meta.url));
const env = { ...process.env, TSX_TSCONFIG_PATH: 'samples/trainer/tsconfig.json', TRAINER_PLUGINS: '' };
const args = (...rest: string[]): string[] => ['--import', 'tsx', 'samples/trainer/main.ts', ...rest];
const run = (...rest: string[]) =>
  spawnSync(process.execPath, args(...rest), { cwd: root, encoding: 'utf8', timeout: 90_000, env });

describe('samples/trainer CLI', () => {
  let directory: Awaited<ReturnType<typeof temporaryDirectory>>;
  beforeEach(async () => {
    directory = await temporaryDirectory();
  });
  afterEach(async () => {
    await directory.remove();
  });

  it('exits 2 with the did-you-mean message and no stack trace for a mistyped alias', () => {
    const { status, stdout, stderr } = run('--plugins', 'deepsped');

    expect(status).toBe(2);
    expect(stderr).toContain('No plugin "deepsped". Did you mean "deepspeed"?');
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stdout).toBe('');
  });

  it('trains on ddp worker threads under tsx, checkpoints, and exits when done', async () => {
    const { status, stdout, stderr } = run(
      '--plugins',
      'ddp,json',
      '--epochs',
      '2',
      '--checkpoint-dir',
      directory.path,
    );

    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^plugins \(alias, kind, from\):\n {2}ddp +strategy +--plugins\n/);
    expect(stdout).toContain('ddp (2 workers): 2 worker threads ready in');
    expect(stdout).toMatch(/epoch 2 {2}train_loss/);
    expect(await readdir(directory.path)).toEqual(['last.json']);
  });

  // Issue 24 as the trainer uses it: a plugin with an asynchronous set-up is awaited before training, in a process
  // whose event loop has nothing else to keep it alive.
  it('sets up a plugin with an asynchronous set-up, then trains', () => {
    const { status, stderr, stdout } = run('--plugins', 'slow_logger(setupMs=200)', '--epochs', '1', '--trace');

    expect(status).toBe(0);
    expect(stderr).toMatch(/^trace: setup slow_logger \(logger\) \d+\.\d ms$/m);
    expect(stdout).toContain('done in');
  });

  it('refuses an output folder it cannot write before training (issue 15)', async () => {
    if (process.getuid?.() === 0) return; // root writes anywhere
    const locked = join(directory.path, 'locked');
    await mkdir(locked);
    await chmod(locked, 0o500);

    const { status, stdout, stderr } = run('--plugins', `csv_logger(dir=${locked}/logs)`, '--epochs', '1');

    expect(status).toBe(2);
    expect(stderr).toMatch(/^Cannot write to .*locked\/logs \(csv_logger \(.*\)\): EACCES.*Nothing was trained\.\n$/);
    expect(stdout).not.toContain('epoch 1');
  });

  it('ends quietly when the reader of its output goes away (| head, issue 15)', () => {
    const head = spawnSync('sh', ['-c', `"${process.execPath}" ${args('--list-plugins').join(' ')} | head -n 1`], {
      cwd: root,
      encoding: 'utf8',
      env,
    });

    expect(head.stdout).toBe('strategy (one per run; default single_device):\n');
    expect(head.stderr).toBe('');
  });

  describe('Ctrl-C', () => {
    let child: ChildProcess | undefined;
    // A run of 1000 epochs that the test did not get to stop (it failed or timed out before its Ctrl-C) would
    // outlive the test and keep jest's worker from exiting ("A worker process has failed to exit gracefully").
    afterEach(() => {
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      child = undefined;
    });

    it('stops on Ctrl-C: the workers end and the exit code is 130 (issue 15)', async () => {
      const trainer = spawn(process.execPath, args('--plugins', 'ddp', '--epochs', '1000'), { cwd: root, env });
      child = trainer;
      let stdout = '';
      let stderr = '';
      trainer.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const exited = new Promise<number | null>((resolve) =>
        trainer.on('exit', (code) => {
          resolve(code);
        }),
      );
      await new Promise<void>((resolve) => {
        trainer.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (/epoch 2 /.test(stdout)) resolve();
        });
      });

      trainer.kill('SIGINT');

      expect(await exited).toBe(130);
      expect(stderr).toBe('Interrupted: training stopped and every worker ended.\n');
    });
  });

  /** Starts `command` in its own process group, as a terminal runs a foreground job, collecting its output. */
  function startGroup(command: string, commandArgs: readonly string[]) {
    const child = spawn(command, commandArgs, { cwd: root, env, detached: true });
    const output = { stdout: '', stderr: '' };
    child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code, signal) => {
        resolve(code ?? (signal === null ? null : 128 + 2));
      }),
    );
    const printed = (pattern: RegExp): Promise<void> =>
      new Promise((resolve) => {
        const check = (): void => {
          if (pattern.test(output.stdout)) resolve();
          else setTimeout(check, 20);
        };
        check();
      });
    // Ctrl-C in a terminal signals every process of the foreground group: npm, its shell and node.
    const ctrlC = (): void => void process.kill(-(child.pid ?? 0), 'SIGINT');
    return { child, output, exited, printed, ctrlC };
  }

  // Issue 26: under tsx's CLI the busy single_device child was killed without its clean shutdown.
  it('stops cleanly on Ctrl-C under npm start itself, with single_device', async () => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const run = startGroup(npm, ['start', '--silent', '--', '--epochs', '100000', '--model-size', '64x64']);
    await run.printed(/epoch 2 /);

    run.ctrlC();

    expect(await run.exited).toBe(130);
    expect(run.output.stderr).toContain('Interrupted: training stopped and every worker ended.\n');
    expect(run.output.stdout).not.toContain('done in');
  });

  it('Ctrl-C stops single_device within a step, not at the end of a long epoch', async () => {
    const run = startGroup(process.execPath, args('--epochs', '5', '--model-size', '1024x1024'));
    await run.printed(/^memory: /m);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const began = performance.now();

    run.ctrlC();

    expect(await run.exited).toBe(130);
    expect(run.output.stderr).toBe('Interrupted: training stopped and every worker ended.\n');
    // One epoch of this model is 29 steps and a validation pass; the run stopped inside the first.
    expect(run.output.stdout).not.toMatch(/^epoch 1 /m);
    expect(performance.now() - began).toBeLessThan(5_000);
  });
});
