import { describe, expect, it } from '@jest/globals';
import {
  PluginCreationError,
  PluginDisposalError,
  PluginDisposedError,
  PluginRegistry,
  PluginResolver,
  ResolutionScope,
  createPluginContainer,
  disposePluginContainer,
  pluginSetup,
} from 'plugboard';
import { within } from '../support/within.js';

// Issue 22: plugin callbacks must not be able to hang or fool the host. An instance that is a thenable, a
// disposer getter that throws, and a scope disposed while a set-up runs.

const THENABLE_CAUSE =
  'its instance has a then method, so a promise cannot fulfil with it (await would call then instead). ' +
  'Resolve it with resolve() or resolveAllAsync(), which return it as it is, or rename its then method';

function thenables(events: string[]): PluginRegistry {
  const registry = new PluginRegistry();
  class Answer {
    then(resolve: (value: number) => void): void {
      events.push('then called');
      resolve(42);
    }
    [Symbol.dispose](): void {
      events.push('dispose answer');
    }
  }
  class Silent {
    then(): void {
      events.push('then called');
    }
    [Symbol.dispose](): void {
      events.push('dispose silent');
    }
  }
  class SetUpSilent extends Silent {
    [pluginSetup](): void {
      events.push('set up');
    }
  }
  registry.register(Answer, { alias: 'answer', kind: 'strategy' });
  registry.register(Silent, { alias: 'silent', kind: 'logger' });
  registry.register(Silent, { alias: 'silent-singleton', kind: 'pool', scope: 'singleton' });
  registry.register(SetUpSilent, { alias: 'set-up-silent', kind: 'store' });
  return registry;
}

describe('a plugin instance that is a thenable (issue 22)', () => {
  it('makes resolveAsync reject with PluginCreationError, not fulfil with what its then calls back; the instance is disposed', async () => {
    const events: string[] = [];
    const resolver = createPluginContainer({ registry: thenables(events) }).get(PluginResolver);

    const outcome = await within(resolver.resolveAsync('answer'));

    expect(outcome).toEqual({ error: expect.any(PluginCreationError) });
    const error = (outcome as { error: PluginCreationError }).error;
    expect(error.message).toBe(`Could not create plugin "answer" -> Answer. Cause: ${THENABLE_CAUSE}`);
    expect(events).toEqual(['dispose answer']);
  });

  it('does not hang resolveAsync when its then never calls back', async () => {
    const events: string[] = [];
    const resolver = createPluginContainer({ registry: thenables(events) }).get(PluginResolver);

    const outcome = await within(resolver.resolveAsync('silent'));

    expect(outcome).toEqual({ error: expect.any(PluginCreationError) });
    expect(events).toEqual(['dispose silent']);
  });

  it('is returned as it is by resolveAllAsync, after its set-up, and its then is never called', async () => {
    const events: string[] = [];
    const resolver = createPluginContainer({ registry: thenables(events) }).get(PluginResolver);

    const outcome = await within(resolver.resolveAllAsync(['answer', 'silent', 'set-up-silent']));

    expect(outcome).not.toBe('hung');
    const resolved = (outcome as { value: Record<string, unknown[]> }).value;
    expect(resolved.strategy?.[0]?.constructor.name).toBe('Answer');
    expect(resolved.logger?.[0]?.constructor.name).toBe('Silent');
    expect(resolved.store?.[0]?.constructor.name).toBe('SetUpSilent');
    expect(events).toEqual(['set up']);
  });

  it('as a singleton, neither hangs resolveAsync nor disposePluginContainer, also through a scope', async () => {
    const events: string[] = [];
    const container = createPluginContainer({ registry: thenables(events) });
    const resolver = container.get(PluginResolver);
    const scope = resolver.scope();

    const direct = await within(resolver.resolveAsync('silent-singleton'));
    const scoped = await within(scope.resolveAllAsync('silent-singleton'));
    const scopeDisposal = await within(scope.dispose());
    const disposal = await within(disposePluginContainer(container));

    expect(direct).toEqual({ error: expect.any(PluginCreationError) });
    expect((scoped as { value: { pool: unknown[] } }).value.pool).toHaveLength(1);
    expect(scopeDisposal).toEqual({ value: undefined });
    expect(disposal).toEqual({ value: undefined });
    expect(events).toEqual(['dispose silent']);
  });

  it('whose then getter throws is a PluginCreationError with that cause', async () => {
    const registry = new PluginRegistry();
    class Trap {
      get then(): never {
        throw new Error('no then here');
      }
    }
    registry.register(Trap, { alias: 'trap' });
    const resolver = createPluginContainer({ registry }).get(PluginResolver);

    const outcome = await within(resolver.resolveAsync('trap'));

    const error = (outcome as { error: PluginCreationError }).error;
    expect(error).toBeInstanceOf(PluginCreationError);
    expect(error.message).toBe('Could not create plugin "trap" -> Trap. Cause: no then here');
  });
});

describe('a disposer getter that throws (issue 22)', () => {
  function trapped(key: typeof Symbol.dispose | typeof Symbol.asyncDispose): {
    events: string[];
    registry: PluginRegistry;
  } {
    const events: string[] = [];
    const registry = new PluginRegistry();
    class Trapped {
      get [key](): never {
        throw new Error('disposer unavailable');
      }
    }
    class Fine {
      [Symbol.dispose](): void {
        events.push('dispose fine');
      }
    }
    registry.register(Fine, { alias: 'fine', kind: 'logger', scope: 'singleton' });
    registry.register(Trapped, { alias: 'trapped', kind: 'strategy', scope: 'singleton' });
    registry.register(Trapped, { alias: 'trapped-transient', kind: 'pool' });
    return { events, registry };
  }

  for (const [name, key] of [
    ['[Symbol.dispose]', Symbol.dispose],
    ['[Symbol.asyncDispose]', Symbol.asyncDispose],
  ] as const) {
    it(`is a failure in the container's PluginDisposalError for ${name}; the other singletons are disposed`, async () => {
      const { events, registry } = trapped(key);
      const container = createPluginContainer({ registry });
      container.get(PluginResolver).resolveAll(['fine', 'trapped']);

      const outcome = await within(disposePluginContainer(container));

      const error = (outcome as { error: PluginDisposalError }).error;
      expect(error).toBeInstanceOf(PluginDisposalError);
      expect(error.message).toBe('1 plugin could not be disposed:\n  - "trapped": disposer unavailable');
      expect(error.failures.map((failure) => failure.alias)).toEqual(['trapped']);
      expect(events).toEqual(['dispose fine']);
    });

    it(`is a failure of a scope's synchronous and asynchronous disposal for ${name}`, async () => {
      const { registry } = trapped(key);
      const resolver = createPluginContainer({ registry }).get(PluginResolver);
      const syncScope = resolver.scope();
      const asyncScope = resolver.scope();
      syncScope.resolve('trapped-transient');
      asyncScope.resolve('trapped-transient');

      let syncError: unknown;
      try {
        syncScope[Symbol.dispose]();
      } catch (error) {
        syncError = error;
      }
      const outcome = await within(asyncScope.dispose());

      expect(syncError).toBeInstanceOf(PluginDisposalError);
      expect((syncError as Error).message).toBe(
        '1 plugin could not be disposed:\n  - "trapped-transient": disposer unavailable',
      );
      expect((outcome as { error: Error }).error.message).toBe(
        '1 plugin could not be disposed:\n  - "trapped-transient": disposer unavailable',
      );
    });
  }
});

describe(`${ResolutionScope.name} disposed while a set-up runs (issue 22)`, () => {
  function slow(events: string[]): { registry: PluginRegistry; release: () => void } {
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const registry = new PluginRegistry();
    class Slow {
      async [pluginSetup](): Promise<void> {
        events.push('setting up');
        await gate;
        events.push('set up');
      }
      async [Symbol.asyncDispose](): Promise<void> {
        await Promise.resolve();
        events.push('disposed');
      }
    }
    registry.register(Slow, { alias: 'slow', kind: 'store' });
    return {
      registry,
      release: () => {
        release();
      },
    };
  }

  it('waits for the set-up, disposes the instance, then resolves; the resolve rejects with PluginDisposedError', async () => {
    const events: string[] = [];
    const { registry, release } = slow(events);
    const scope = createPluginContainer({ registry }).get(PluginResolver).scope();
    const pending = within(scope.resolveAsync('slow'));

    const disposal = scope.dispose().then(() => events.push('scope disposed'));
    await Promise.resolve();
    events.push('released');
    release();
    await disposal;

    expect(events).toEqual(['setting up', 'released', 'set up', 'disposed', 'scope disposed']);
    expect(await pending).toEqual({ error: expect.any(PluginDisposedError) });
  });

  it('with `using` (synchronously), disposes the instance when the set-up finishes', async () => {
    const events: string[] = [];
    const { registry, release } = slow(events);
    const scope = createPluginContainer({ registry }).get(PluginResolver).scope();
    const pending = within(scope.resolveAllAsync('slow'));

    scope[Symbol.dispose]();
    events.push('scope disposed');
    release();
    const outcome = await pending;
    await new Promise((resolve) => setImmediate(resolve));

    expect(outcome).toEqual({ error: expect.any(PluginDisposedError) });
    expect(events).toEqual(['setting up', 'scope disposed', 'set up', 'disposed']);
  });
});
