import { describe, expect, it } from '@jest/globals';
import { runModule } from '../support/run-module.js';

// Issue 24, tracing: a subscriber that throws cannot break resolution. Node hands its error to the process as an
// uncaught exception on the next tick (diagnostics_channel's own rule), which jest would take for the test's.

describe('a tracing subscriber that throws', () => {
  it('leaves resolve, resolveAsync and disposal working; Node reports its error as uncaught', () => {
    const child = runModule(
      ['PLUGIN_TRACE_CHANNELS', 'PluginRegistry', 'PluginResolver', 'createPluginContainer', 'pluginSetup'],
      `
import { tracingChannel } from 'node:diagnostics_channel';
const seen = [];
process.on('uncaughtException', (error) => seen.push(error.message));
const boom = () => { throw new Error('subscriber broke'); };
for (const name of Object.values(PLUGIN_TRACE_CHANNELS)) {
  tracingChannel(name).subscribe({ start: boom, end: boom, asyncStart: boom, asyncEnd: boom, error: boom });
}
const registry = new PluginRegistry();
class Logger {}
class Store { async [pluginSetup]() { this.ready = true; } [Symbol.dispose]() { console.log('disposed'); } }
registry.register(Logger, { alias: 'logger' });
registry.register(Store, { alias: 'store', kind: 'store', scope: 'singleton' });
const container = createPluginContainer({ registry });
const resolver = container.get(PluginResolver);
console.log(resolver.resolve('logger') instanceof Logger);
console.log((await resolver.resolveAsync('store')).ready);
await container[Symbol.asyncDispose]();
await new Promise((resolve) => setImmediate(resolve));
console.log(seen.length > 0 && seen.every((message) => message === 'subscriber broke'));
`,
    );

    expect(child.stdout).toBe('true\ntrue\ndisposed\ntrue\n');
    expect(child.status).toBe(0);
  });
});
