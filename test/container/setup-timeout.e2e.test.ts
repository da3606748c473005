import { describe, expect, it } from '@jest/globals';
import { runModule } from '../support/run-module.js';

// Issue 24, set-up time limits, in real processes: the timer never keeps a process alive once the call has
// settled, yet it does keep it alive while a set-up hangs (so the error names the plugin instead of the process
// exiting quietly), and a set-up that rejects after its limit is never an unhandled rejection.

function run(body: string): ReturnType<typeof runModule> {
  return runModule(['PluginRegistry', 'PluginResolver', 'createPluginContainer', 'pluginSetup'], body);
}

describe('setupTimeoutMs in a process', () => {
  it('lets the process exit as soon as the resolve settled, under a 10-minute limit', () => {
    const child = run(`
const registry = new PluginRegistry();
class Quick { async [pluginSetup]() { await new Promise((resolve) => setTimeout(resolve, 5)); } }
registry.register(Quick, { alias: 'quick' });
await createPluginContainer({ registry, setupTimeoutMs: 600_000 }).get(PluginResolver).resolveAsync('quick');
console.log('resolved');
`);

    expect(child.stdout).toBe('resolved\n');
    expect(child.status).toBe(0);
    expect(child.ms).toBeLessThan(30_000);
  });

  it('reports a set-up that waits on nothing instead of letting the process exit quietly', () => {
    const child = run(`
const registry = new PluginRegistry();
class Hung { [pluginSetup]() { return new Promise(() => {}); } }
registry.register(Hung, { alias: 'hung', kind: 'store' });
try {
  await createPluginContainer({ registry, setupTimeoutMs: 200 }).get(PluginResolver).resolveAsync('hung');
} catch (error) {
  console.log(error.code, error.alias);
}
`);

    expect(child.stdout).toBe('PLUGIN_SETUP_TIMEOUT hung\n');
    expect(child.status).toBe(0);
  });

  it('handles a set-up that rejects after its limit, and disposes its instance then', () => {
    const child = run(`
const registry = new PluginRegistry();
class Late {
  [pluginSetup]() { return new Promise((_resolve, reject) => setTimeout(() => reject(new Error('too late')), 300)); }
  [Symbol.dispose]() { console.log('disposed late'); }
}
registry.register(Late, { alias: 'late' });
try {
  await createPluginContainer({ registry }).get(PluginResolver).resolveAllAsync({ alias: 'late' });
} catch {}
const resolver = createPluginContainer({ registry, setupTimeoutMs: 50 }).get(PluginResolver);
await resolver.resolveAsync('late').catch((error) => console.log(error.code));
`);

    expect(child.stdout).toBe('disposed late\nPLUGIN_SETUP_TIMEOUT\ndisposed late\n');
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
  });
});
