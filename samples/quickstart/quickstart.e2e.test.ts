import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'samples/quickstart/main.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
  });

describe('samples/quickstart', () => {
  it('prints the RFC listing and trains with the strategy chosen by alias', () => {
    const { status, stdout } = run('deepspeed');

    expect(status).toBe(0);
    expect(stdout).toContain(
      'deepspeed_zero_3_offload: ZeRO stage 3 with CPU offload, recommended when: largest models, little GPU memory',
    );
    expect(stdout).toContain('Training with DeepSpeed ZeRO stage 2');
  });

  it('exits 2 with a did-you-mean message for a mistyped alias', () => {
    const { status, stderr } = run('deepsped');

    expect(status).toBe(2);
    expect(stderr).toContain('No plugin "deepsped". Did you mean "deepspeed"?');
  });
});
