import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'samples/lifecycle/main.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
  });

describe('samples/lifecycle', () => {
  it('sets the strategy up, fills in the default precision, and tears the strategy down (issue 14)', () => {
    const { status, stdout } = run('ddp');

    expect(status).toBe(0);
    expect(stdout).toBe('strategy: 4 worker(s) started\nfit: 4 worker(s), 32-bit\nstrategy: workers stopped\n');
  });

  it('refuses a selection that breaks a rule before building anything', () => {
    const { status, stdout, stderr } = run('deepspeed_zero_3_offload, 64-true');

    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('PLUGIN_CONSTRAINT: The plugin selection breaks 1 rule(s):');
    expect(stderr).toContain('"deepspeed_zero_3_offload" cannot run with "64-true" (incompatibleWith)');
  });
});
