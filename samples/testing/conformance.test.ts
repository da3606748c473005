import { describe, expect, it } from '@jest/globals';
import { checkPluginConformance } from 'plugboard/testing';
import { brokenRegistry } from './broken-plugins.js';
import { registry } from './plugins.js';

describe('checkPluginConformance under jest', () => {
  it("passes the sample's plugin, given the launcher environment it needs: two lines in a test", async () => {
    process.env.WORLD_SIZE = '1';
    try {
      const report = await checkPluginConformance(registry);
      expect(report.failures).toEqual([]);
    } finally {
      delete process.env.WORLD_SIZE;
    }
  });

  it('reports each way the broken plugins break the contract, and never throws or hangs', async () => {
    const report = await checkPluginConformance(brokenRegistry, { timeoutMs: 300 });

    expect(report.ok).toBe(false);
    expect(report.failures).toEqual([
      {
        check: 'rules',
        alias: 'contradictory',
        message: 'It requires "fast_onyl", which is not registered. Did you mean "fast_only"?',
      },
      {
        check: 'rules',
        alias: 'contradictory',
        message: 'It is incompatible with kind "precison", which no plugin has and defineKind did not define.',
      },
      { check: 'rules', alias: 'contradictory', message: 'It both requires and is incompatible with "needs_gpu".' },
      {
        check: 'dispose',
        alias: 'disposes_once',
        message: 'disposing it a second time failed: already closed',
      },
      {
        check: 'schema',
        alias: 'fast_only',
        input: { mode: 'safe' },
        message:
          'options its schema accepts were refused by the constructor: Could not create plugin "fast_only" -> ' +
          'FastOnly. Cause: mode safe is not implemented',
      },
      {
        check: 'construct',
        alias: 'needs_gpu',
        input: {},
        message: 'Could not create plugin "needs_gpu" -> NeedsGpu. Cause: no GPU found',
      },
      {
        check: 'dispose',
        alias: 'needs_setup_to_dispose',
        message: "disposing it before set-up failed: Cannot read properties of undefined (reading 'close')",
      },
      {
        check: 'setup-dispose',
        alias: 'never_stops',
        message: 'disposing it after set-up failed: it did not finish within 300 ms',
      },
      // No finding for the typo "worker": plugboard refuses it itself, from the keys the JSON Schema lists (issue 22).
      {
        check: 'schema',
        alias: 'trusts_input',
        input: { workers: '1' },
        message:
          'options with workers of the wrong type (a string where the schema says number) were refused by the ' +
          'constructor, not by validation: Could not create plugin "trusts_input" -> TrustsItsInput. Cause: ' +
          'workers.toFixed is not a function',
      },
    ]);
  });
});
