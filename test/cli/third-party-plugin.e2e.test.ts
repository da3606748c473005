import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import path from 'node:path';
import { installSamplePackage } from './fixture-app.js';
import { buildPlugboard, linkPackage, makeTempDir, plainEnv, repoRoot, runPlugboard } from './plugboard-package.js';

// GitHub issue 5: samples/third-party-plugin is a plugin package that plugboard finds by its package.json,
// installed in samples/third-party-plugin/app as npm would install it.
const timeout = 60_000;
let work: { dir: string; remove: () => void } | undefined;
let pkg = '';
let app = '';

beforeAll(() => {
  work = makeTempDir('plugboard-sample');
  pkg = buildPlugboard(work.dir);
  app = path.join(work.dir, 'app');
  cpSync(path.join(repoRoot, 'samples/third-party-plugin/app'), app, { recursive: true });
  installSamplePackage(app);
  linkPackage(app, 'plugboard', pkg);
  linkPackage(app, 'reflect-metadata', path.join(repoRoot, 'node_modules/reflect-metadata'));
}, timeout);

afterAll(() => work?.remove());

describe('samples/third-party-plugin', () => {
  it('is listed by the plugboard command of the project that installs it', () => {
    const { status, stdout, stderr } = runPlugboard(pkg, ['list', '--markdown'], { cwd: app });

    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toBe(
      [
        '| Alias | Kind | Description | Recommended when |',
        '| --- | --- | --- | --- |',
        '| tpu | strategy | Data parallel on TPU cores through XLA | TPUs are attached |',
        '| tpu_spmd | strategy | SPMD sharding on TPU pods | a TPU pod and a model larger than one core |',
        '| xla-bf16 | precision | bfloat16 on TPUs through XLA | training on TPUs |',
        '',
      ].join('\n'),
    );
  });

  it('names the package module that registers a plugin', () => {
    const { stdout } = runPlugboard(pkg, ['describe', 'tpu_spmd', '--json'], { cwd: app });

    expect(JSON.parse(stdout)).toMatchObject({
      alias: 'tpu_spmd',
      className: 'TpuStrategy',
      module: 'plugboard-plugin-tpu/plugins/tpu-strategy.js',
      optionKeys: ['cores', 'spmd'],
      recommend: true,
    });
  });

  it('gives the sample app its plugins through discoverPackages()', () => {
    const run = spawnSync(process.execPath, ['main.js'], { cwd: app, encoding: 'utf8', env: plainEnv() });

    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      [
        'tpu: Data parallel on TPU cores through XLA, recommended when: TPUs are attached',
        'tpu_spmd: SPMD sharding on TPU pods, recommended when: a TPU pod and a model larger than one core',
        'xla-bf16: bfloat16 on TPUs through XLA, recommended when: training on TPUs',
        'chosen for 32 TPU cores: tpu_spmd (TPU strategy on 8 cores, SPMD)',
        '',
      ].join('\n'),
    );
  });
});
