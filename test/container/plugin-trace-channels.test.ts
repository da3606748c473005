import { afterEach, describe, expect, it } from '@jest/globals';
import { tracingChannel, type TracingChannelSubscribers } from 'node:diagnostics_channel';
import {
  PLUGIN_TRACE_CHANNELS,
  PluginRegistry,
  PluginResolver,
  createPluginContainer,
  disposePluginContainer,
  pluginSetup,
  pluginToken,
  type PluginTraceContext,
} from 'plugboard';
import { within } from '../support/within.js';

// Issue 24, tracing: resolves, set-ups and disposals are published on diagnostics_channel tracing channels,
// with the alias, the kind, the registry and the error.

const unsubscribe: (() => void)[] = [];
afterEach(() => {
  for (const off of unsubscribe.splice(0)) off();
});

/** Subscribes to every plugboard channel; each event is recorded as `channel event alias` (and the error's message). */
function record(): { events: string[]; contexts: PluginTraceContext[] } {
  const events: string[] = [];
  const contexts: PluginTraceContext[] = [];
  for (const [short, name] of Object.entries(PLUGIN_TRACE_CHANNELS)) {
    const channel = tracingChannel<unknown, PluginTraceContext>(name);
    const on =
      (event: string) =>
      (context: PluginTraceContext): void => {
        if (!contexts.includes(context)) contexts.push(context);
        const error = event === 'error' ? ` ${(context.error as Error).message}` : '';
        events.push(`${short} ${event} ${context.alias}${error}`);
      };
    const subscribers: TracingChannelSubscribers<PluginTraceContext> = {
      start: on('start'),
      end: on('end'),
      asyncStart: on('asyncStart'),
      asyncEnd: on('asyncEnd'),
      error: on('error'),
    };
    channel.subscribe(subscribers);
    unsubscribe.push(() => {
      channel.unsubscribe(subscribers);
    });
  }
  return { events, contexts };
}

function plugins(): PluginRegistry {
  const registry = new PluginRegistry();
  class Logger {}
  class Store {
    async [pluginSetup](): Promise<void> {
      await Promise.resolve();
    }
    async [Symbol.asyncDispose](): Promise<void> {
      await Promise.resolve();
    }
  }
  class Broken {
    async [pluginSetup](): Promise<void> {
      await Promise.resolve();
      throw new Error('port in use');
    }
    [Symbol.dispose](): void {
      throw new Error('still bound');
    }
  }
  registry.register(Logger, { alias: 'logger', kind: 'logger' });
  registry.register(Store, { alias: 'store', kind: 'checkpoint_io', scope: 'singleton' });
  registry.register(Broken, { alias: 'broken', kind: 'cluster' });
  return registry;
}

describe('PLUGIN_TRACE_CHANNELS', () => {
  it('names the three channels', () => {
    expect(PLUGIN_TRACE_CHANNELS).toEqual({
      resolve: 'plugboard:resolve',
      setup: 'plugboard:setup',
      dispose: 'plugboard:dispose',
    });
  });

  it('publishes a synchronous resolve (resolver and container.get) as start and end, with alias, kind and registry', () => {
    const registry = plugins();
    const container = createPluginContainer({ registry });
    const { events, contexts } = record();

    container.get(PluginResolver).resolve('logger');
    container.get(pluginToken('logger'), { name: 'logger' });

    expect(events).toEqual([
      'resolve start logger',
      'resolve end logger',
      'resolve start logger',
      'resolve end logger',
    ]);
    expect(contexts).toHaveLength(2);
    expect(contexts[0]).toMatchObject({ alias: 'logger', kind: 'logger', registry, async: false });
  });

  it('publishes an async resolve and its set-up, then the container disposing it, in order', async () => {
    const container = createPluginContainer({ registry: plugins() });
    const { events, contexts } = record();

    await container.get(PluginResolver).resolveAsync('store');
    await disposePluginContainer(container);

    expect(events).toEqual([
      'resolve start store',
      'setup start store',
      'setup end store',
      'resolve end store',
      'setup asyncStart store',
      'setup asyncEnd store',
      'resolve asyncStart store',
      'resolve asyncEnd store',
      'dispose start store',
      'dispose end store',
      'dispose asyncStart store',
      'dispose asyncEnd store',
    ]);
    expect(contexts.map((context) => context.async)).toEqual([true, true, true]);
  });

  it('publishes a failed set-up and the failed disposal after it as error events', async () => {
    const resolver = createPluginContainer({ registry: plugins() }).get(PluginResolver);
    const { events, contexts } = record();

    const outcome = await within(resolver.resolveAllAsync(['logger', 'broken']));

    expect(outcome).not.toBe('hung');
    expect(events).toEqual([
      'resolve start logger',
      'resolve end logger',
      'resolve asyncStart logger',
      'resolve asyncEnd logger',
      'resolve start broken',
      'setup start broken',
      'setup end broken',
      'resolve end broken',
      'setup error broken Could not create plugin "broken" -> Broken. Cause: port in use',
      'setup asyncStart broken',
      'setup asyncEnd broken',
      'resolve error broken Could not create plugin "broken" -> Broken. Cause: port in use',
      'resolve asyncStart broken',
      'resolve asyncEnd broken',
      // Disposed newest first, each as an async step (tracePromise's order), also one with nothing to dispose.
      'dispose start broken',
      'dispose end broken',
      'dispose error broken still bound',
      'dispose asyncStart broken',
      'dispose asyncEnd broken',
      'dispose start logger',
      'dispose end logger',
      'dispose asyncStart logger',
      'dispose asyncEnd logger',
    ]);
    expect(contexts.find((context) => context.alias === 'broken' && context.error !== undefined)).toMatchObject({
      kind: 'cluster',
    });
  });

  it('publishes container.get of a singleton once: inversify serves its cached instance without asking plugboard', () => {
    const registry = new PluginRegistry();
    registry.register(class Pool {}, { alias: 'pool', kind: 'pool', scope: 'singleton' });
    const container = createPluginContainer({ registry });
    const { events } = record();

    container.get(pluginToken('pool'), { name: 'pool' });
    container.get(pluginToken('pool'), { name: 'pool' });
    container.get(PluginResolver).resolve('pool');

    expect(events).toEqual(['resolve start pool', 'resolve end pool', 'resolve start pool', 'resolve end pool']);
  });

  it('publishes a constructor that throws as an error event between start and end', () => {
    const registry = new PluginRegistry();
    registry.register(
      class Faulty {
        constructor() {
          throw new Error('no device');
        }
      },
      { alias: 'faulty' },
    );
    const resolver = createPluginContainer({ registry }).get(PluginResolver);
    const { events } = record();

    expect(() => resolver.resolve('faulty')).toThrow('no device');

    expect(events).toEqual([
      'resolve start faulty',
      'resolve error faulty Could not create plugin "faulty" -> Faulty. Cause: no device',
      'resolve end faulty',
    ]);
  });

  it('publishes a disposal through a scope, synchronously', () => {
    const resolver = createPluginContainer({ registry: plugins() }).get(PluginResolver);
    const { events } = record();
    {
      using scope = resolver.scope();
      scope.resolve('logger');
    }

    expect(events).toEqual([
      'resolve start logger',
      'resolve end logger',
      'dispose start logger',
      'dispose end logger',
    ]);
  });

  it('publishes nothing once the subscribers are gone', () => {
    const resolver = createPluginContainer({ registry: plugins() }).get(PluginResolver);
    const { events } = record();
    for (const off of unsubscribe.splice(0)) off();

    resolver.resolve('logger');

    expect(events).toEqual([]);
  });
});
