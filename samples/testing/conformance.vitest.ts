// checkPluginConformance under vitest: the same two lines as under jest (conformance.test.ts).
// Run by `npm run vitest` (samples/testing/vitest.config.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkPluginConformance } from 'plugboard/testing';
import { brokenRegistry } from './broken-plugins.js';
import { registry } from './plugins.js';

describe('checkPluginConformance under vitest', () => {
  beforeEach(() => {
    process.env.WORLD_SIZE = '1'; // the sample's ddp plugin needs a launcher's environment
  });
  afterEach(() => {
    delete process.env.WORLD_SIZE;
  });

  it("passes the sample's plugin", async () => {
    const report = await checkPluginConformance(registry);
    expect(report.failures).toEqual([]);
  });

  it('reports the broken plugins, one failure per broken promise', async () => {
    const report = await checkPluginConformance(brokenRegistry, { timeoutMs: 300 });

    expect(report.ok).toBe(false);
    expect(report.failures.map((failure) => `${failure.check} ${failure.alias}`)).toEqual([
      'rules contradictory',
      'rules contradictory',
      'rules contradictory',
      'dispose disposes_once',
      'schema fast_only',
      'construct needs_gpu',
      'dispose needs_setup_to_dispose',
      'setup-dispose never_stops',
      'schema trusts_input',
      'schema trusts_input',
    ]);
  });
});
