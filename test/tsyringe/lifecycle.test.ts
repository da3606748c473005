import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { container as rootContainer } from 'tsyringe';
import { PluginRegistry, PluginResolver, pluginSetup } from 'plugboard';
import { registerPlugins } from 'plugboard/tsyringe';

function setup(): { events: string[]; resolver: PluginResolver; dispose: () => Promise<void> } {
  const events: string[] = [];
  const registry = new PluginRegistry();
  class Pool {
    async [pluginSetup](): Promise<void> {
      await Promise.resolve();
      events.push('set up pool');
    }
    async [Symbol.asyncDispose](): Promise<void> {
      await Promise.resolve();
      events.push('dispose pool');
    }
  }
  class Logger {
    [Symbol.dispose](): void {
      events.push('dispose logger');
    }
  }
  registry.register(Pool, { alias: 'pool', scope: 'singleton' });
  registry.register(Logger, { alias: 'logger', scope: 'singleton' });
  registry.register(Logger, { alias: 'scoped-logger' });
  const container = rootContainer.createChildContainer();
  registerPlugins(container, registry);
  return {
    events,
    resolver: container.resolve(PluginResolver),
    dispose: async () => {
      await container.dispose();
    },
  };
}

describe(registerPlugins.name, () => {
  it("disposes the plugin singletons, newest first, when tsyringe's container.dispose() runs (issue 14)", async () => {
    const { events, resolver, dispose } = setup();
    resolver.resolve('logger');
    await resolver.resolveAsync('pool');

    await dispose();

    expect(events).toEqual(['set up pool', 'dispose pool', 'dispose logger']);
  });

  it('gives resolution scopes, as the inversify integration does', async () => {
    const { events, resolver } = setup();
    {
      await using scope = resolver.scope();
      scope.resolve('scoped-logger');
    }

    expect(events).toEqual(['dispose logger']);
  });
});
