import { describe, expect, it } from '@jest/globals';
import {
  PluginCreationError,
  PluginDisposedError,
  PluginRegistry,
  PluginResolver,
  createPluginContainer,
  disposePluginContainer,
  pluginSetup,
} from 'plugboard';
import { thrown } from '../support/thrown.js';

function setup(): { events: string[]; registry: PluginRegistry; resolver: PluginResolver } {
  const events: string[] = [];
  const registry = new PluginRegistry();
  class Workers {
    constructor() {
      events.push('new workers');
    }
    async [pluginSetup](): Promise<void> {
      await new Promise((resolve) => setTimeout(resolve, 1));
      events.push('set up workers');
    }
    async [Symbol.asyncDispose](): Promise<void> {
      await Promise.resolve();
      events.push('dispose workers');
    }
  }
  class Logger {
    constructor() {
      events.push('new logger');
    }
    [Symbol.dispose](): void {
      events.push('dispose logger');
    }
  }
  class Unreachable {
    constructor() {
      events.push('new unreachable');
    }
    async [pluginSetup](): Promise<void> {
      await Promise.resolve();
      throw new Error('connection refused');
    }
    [Symbol.dispose](): void {
      events.push('dispose unreachable');
    }
  }
  registry.register(Workers, { alias: 'workers', kind: 'strategy', scope: 'singleton' });
  registry.register(Workers, { alias: 'worker-pool', kind: 'pool' });
  registry.register(Logger, { alias: 'logger', kind: 'logger' });
  registry.register(Unreachable, { alias: 'unreachable', kind: 'cluster' });
  return { events, registry, resolver: createPluginContainer({ registry }).get(PluginResolver) };
}

describe(PluginResolver.prototype.resolveAsync.name, () => {
  it('awaits the plugin set-up before returning it', async () => {
    const { events, resolver } = setup();

    await resolver.resolveAsync('worker-pool');

    expect(events).toEqual(['new workers', 'set up workers']);
  });

  it('builds and sets up a singleton once when resolved concurrently (issue 14)', async () => {
    const { events, resolver } = setup();

    const [a, b, c] = await Promise.all([
      resolver.resolveAsync('workers'),
      resolver.resolveAsync('workers'),
      resolver.resolveAllAsync('workers'),
    ]);

    expect(events).toEqual(['new workers', 'set up workers']);
    expect(a).toBe(b);
    expect(c.strategy?.[0]).toBe(a);
  });

  it('rejects with PluginCreationError naming the alias and keeping the cause; disposes the instance', async () => {
    const { events, resolver } = setup();

    const error = await resolver.resolveAsync('unreachable').then(
      () => undefined,
      (reason: unknown) => reason as PluginCreationError,
    );

    expect(error).toBeInstanceOf(PluginCreationError);
    expect(error?.alias).toBe('unreachable');
    expect((error?.cause as Error).message).toBe('connection refused');
    expect(events).toEqual(['new unreachable', 'dispose unreachable']);
  });

  it('builds a singleton again after its constructor threw', async () => {
    const registry = new PluginRegistry();
    let attempts = 0;
    class Flaky {
      constructor() {
        attempts += 1;
        if (attempts === 1) throw new Error('not yet');
      }
    }
    registry.register(Flaky, { alias: 'flaky', scope: 'singleton' });
    const resolver = createPluginContainer({ registry }).get(PluginResolver);

    await expect(resolver.resolveAsync('flaky')).rejects.toThrow(PluginCreationError);
    await expect(resolver.resolveAsync('flaky')).resolves.toBeInstanceOf(Flaky);
    expect(attempts).toBe(2);
  });

  it('says so when disposing after a failed set-up fails too', async () => {
    const registry = new PluginRegistry();
    class Stuck {
      [pluginSetup](): void {
        throw new Error('port in use');
      }
      [Symbol.dispose](): void {
        throw new Error('still bound');
      }
    }
    registry.register(Stuck, { alias: 'stuck' });
    const resolver = createPluginContainer({ registry }).get(PluginResolver);

    const error = await resolver.resolveAsync('stuck').then(
      () => undefined,
      (reason: unknown) => reason as PluginCreationError,
    );

    expect(error?.message).toBe(
      'Could not create plugin "stuck" -> Stuck. Cause: port in use\n' +
        'Cleaning up after it also failed: 1 plugin could not be disposed:\n  - "stuck": still bound',
    );
    expect((error?.cause as Error).message).toBe('port in use');
  });

  it('lets a container being disposed wait for a set-up in progress, dispose that singleton and refuse it', async () => {
    const { events, registry } = setup();
    const container = createPluginContainer({ registry });
    const pending = container.get(PluginResolver).resolveAsync('workers');

    await disposePluginContainer(container);

    await expect(pending).rejects.toThrow(PluginDisposedError);
    expect(events).toEqual(['new workers', 'set up workers', 'dispose workers']);
  });

  it('refuses synchronous resolves of a plugin with set-up, and serves the singleton once it is set up', async () => {
    const { events, resolver } = setup();

    const error = thrown<PluginCreationError>(() => resolver.resolve('workers'));
    const ready = await resolver.resolveAsync('workers');

    expect(error).toBeInstanceOf(PluginCreationError);
    expect(error.message).toContain('resolve it with resolveAsync or resolveAllAsync');
    expect(resolver.resolve('workers')).toBe(ready);
    expect(events).toEqual(['new workers', 'set up workers']);
  });
});

describe(PluginResolver.prototype.resolveAll.name, () => {
  it('refuses a selection with a plugin that needs set-up before building any plugin', () => {
    const { events, resolver } = setup();

    expect(() => resolver.resolveAll(['logger', 'worker-pool'])).toThrow(PluginCreationError);

    expect(events).toEqual([]);
  });
});

describe(PluginResolver.prototype.resolveAllAsync.name, () => {
  it('disposes everything already built for the call when a set-up fails (issue 14)', async () => {
    const { events, resolver } = setup();

    await expect(resolver.resolveAllAsync(['logger', 'worker-pool', 'unreachable'])).rejects.toThrow(
      PluginCreationError,
    );

    expect(events).toEqual([
      'new logger',
      'new workers',
      'set up workers',
      'new unreachable',
      'dispose unreachable',
      'dispose workers',
      'dispose logger',
    ]);
  });

  it('hands what it built to the scope it was called on', async () => {
    const { events, resolver } = setup();
    {
      await using scope = resolver.scope();
      await scope.resolveAllAsync(['logger', 'worker-pool']);
    }

    expect(events).toEqual(['new logger', 'new workers', 'set up workers', 'dispose workers', 'dispose logger']);
  });

  it('keeps a singleton with the container when another plugin of the call fails', async () => {
    const { events, resolver } = setup();

    await expect(resolver.resolveAllAsync(['workers', 'unreachable'])).rejects.toThrow(PluginCreationError);

    expect(events).toEqual(['new workers', 'set up workers', 'new unreachable', 'dispose unreachable']);
  });
});
