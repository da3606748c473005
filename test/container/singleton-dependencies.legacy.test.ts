import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { inject, injectable, named } from 'inversify';
import { PluginRegistry, PluginResolver, createPluginContainer, disposePluginContainer, pluginToken } from 'plugboard';

// Review of issue 14: a transient injected into a singleton lives as long as the singleton. The scope (or the
// call) that first asked for the singleton must not dispose it; the container does, after the singleton.
function setup() {
  const events: string[] = [];
  const registry = new PluginRegistry();
  class Logger {
    constructor() {
      events.push('new logger');
    }
    [Symbol.dispose](): void {
      events.push('dispose logger');
    }
  }
  @injectable()
  class Engine {
    constructor(@inject(pluginToken('logger')) @named('logger') readonly logger: Logger) {
      events.push('new engine');
    }
    [Symbol.dispose](): void {
      events.push('dispose engine');
    }
  }
  registry.register(Logger, { alias: 'logger', kind: 'logger' });
  registry.register(Engine, { alias: 'engine', kind: 'engine', scope: 'singleton' });
  const container = createPluginContainer({ registry });
  return { events, container, resolver: container.get(PluginResolver) };
}

describe('a singleton and the transients injected into it', () => {
  it('outlive the scope that first asked, and are disposed with the container, after the singleton', async () => {
    const { events, container, resolver } = setup();
    {
      await using scope = resolver.scope();
      scope.resolve('engine');
    }
    expect(events).toEqual(['new logger', 'new engine']);

    await disposePluginContainer(container);

    expect(events).toEqual(['new logger', 'new engine', 'dispose engine', 'dispose logger']);
  });

  it('are set up and kept the same way through resolveAsync', async () => {
    const { events, container, resolver } = setup();
    {
      await using scope = resolver.scope();
      await scope.resolveAsync('engine');
    }
    expect(events).toEqual(['new logger', 'new engine']);

    await disposePluginContainer(container);

    expect(events).toEqual(['new logger', 'new engine', 'dispose engine', 'dispose logger']);
  });
});
