// checkPluginConformance under vitest: the same two lines as under jest (conformance.test.ts).
// Run by `npm run vitest` (samples/testing/vitest.config.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Container } from 'inversify';
import { PLUGIN_OPTIONS, PluginRegistry, PluginResolver, createPluginContainer } from 'plugboard';
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
    ]);
  });

  it('builds a plugin that declares its services with inject: no decorator metadata needed', async () => {
    class Pool {}
    class Uses {
      constructor(
        readonly options: { workers: number },
        readonly pool: Pool,
      ) {}
    }
    const services = new PluginRegistry();
    services.register(Uses, { alias: 'uses', params: { workers: 2 }, inject: [PLUGIN_OPTIONS, Pool] });
    const container = () => {
      const parent = new Container();
      parent.bind(Pool).toSelf();
      return createPluginContainer({ registry: services, parent });
    };

    const built = container().get(PluginResolver).resolve('uses') as Uses;
    expect(built.pool).toBeInstanceOf(Pool);
    expect((await checkPluginConformance(services, { container })).failures).toEqual([]);
  });
});
