import { spawnSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { temporaryDirectory } from './fixtures.js';

// Worker threads start slowly on a busy 2-core machine: a generous limit, not a timing assertion.
jest.setTimeout(60_000);

const root = fileURLToPath(new URL('../../..', import.meta.url));
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'samples/trainer/main.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });

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
    expect(stdout).toContain('strategy: ddp (2 workers)');
    expect(stdout).toMatch(/epoch 2\/2 {2}loss/);
    expect(await readdir(directory.path)).toEqual(['last.json']);
  });
});
