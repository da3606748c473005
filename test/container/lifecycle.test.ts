import { describe, expect, it } from '@jest/globals';
import { Container } from 'inversify';
import {
  PluginCreationError,
  PluginDisposalError,
  PluginDisposedError,
  PluginRegistry,
  PluginResolver,
  createPluginContainer,
  disposePluginContainer,
  pluginModule,
  pluginSetup,
  pluginToken,
} from 'plugboard';
import { thrown } from '../support/thrown.js';

/** Records what happens to plugins, in order. */
function journal(): { events: string[]; registry: PluginRegistry } {
  const events: string[] = [];
  const registry = new PluginRegistry();
  const disposable = (name: string) =>
    class {
      constructor() {
        events.push(`new ${name}`);
      }
      [Symbol.dispose](): void {
        events.push(`dispose ${name}`);
      }
    };
  const asyncDisposable = (name: string) =>
    class {
      constructor() {
        events.push(`new ${name}`);
      }
      async [Symbol.asyncDispose](): Promise<void> {
        await Promise.resolve();
        events.push(`async dispose ${name}`);
      }
    };
  registry.register(disposable('ddp'), { alias: 'ddp', kind: 'strategy', scope: 'singleton' });
  registry.register(asyncDisposable('bf16'), { alias: 'bf16', kind: 'precision', scope: 'singleton' });
  registry.register(disposable('json'), { alias: 'json', kind: 'checkpoint_io', scope: 'singleton' });
  registry.register(disposable('logger'), { alias: 'logger', kind: 'logger' });
  registry.register(asyncDisposable('profiler'), { alias: 'profiler', kind: 'profiler' });
  return { events, registry };
}

describe(disposePluginContainer.name, () => {
  it('disposes the singletons in reverse order of creation, awaiting async ones (issue 14)', async () => {
    const { events, registry } = journal();
    const container = createPluginContainer({ registry });
    const resolver = container.get(PluginResolver);
    resolver.resolve('json');
    resolver.resolve('ddp');
    resolver.resolve('bf16');

    await disposePluginContainer(container);

    expect(events).toEqual(['new json', 'new ddp', 'new bf16', 'async dispose bf16', 'dispose ddp', 'dispose json']);
  });

  it('is what `await using` calls on a container from createPluginContainer', async () => {
    const { events, registry } = journal();
    {
      await using container = createPluginContainer({ registry });
      container.get(PluginResolver).resolve('ddp');
    }

    expect(events).toEqual(['new ddp', 'dispose ddp']);
  });

  it('keeps the container an inversify Container', () => {
    expect(createPluginContainer({ registry: new PluginRegistry() })).toBeInstanceOf(Container);
  });

  it('leaves transients alone: they belong to whoever asked', async () => {
    const { events, registry } = journal();
    const container = createPluginContainer({ registry });
    container.get(PluginResolver).resolve('logger');

    await disposePluginContainer(container);

    expect(events).toEqual(['new logger']);
  });

  it('disposes every singleton and collects each failure with its alias', async () => {
    const registry = new PluginRegistry();
    const disposed: string[] = [];
    class Failing {
      [Symbol.dispose](): void {
        throw new Error('socket already closed');
      }
    }
    class Fine {
      [Symbol.dispose](): void {
        disposed.push('fine');
      }
    }
    class Rejecting {
      [Symbol.asyncDispose](): Promise<void> {
        return Promise.reject(new Error('worker did not stop'));
      }
    }
    registry.register(Failing, { alias: 'failing', scope: 'singleton' });
    registry.register(Fine, { alias: 'fine', scope: 'singleton' });
    registry.register(Rejecting, { alias: 'rejecting', scope: 'singleton' });
    const container = createPluginContainer({ registry });
    const resolver = container.get(PluginResolver);
    for (const alias of ['failing', 'fine', 'rejecting']) resolver.resolve(alias);

    const error = await disposePluginContainer(container).then(
      () => undefined,
      (reason: unknown) => reason as PluginDisposalError,
    );

    expect(error).toBeInstanceOf(PluginDisposalError);
    expect(error?.code).toBe('PLUGIN_DISPOSAL_FAILED');
    expect(error?.failures.map((failure) => failure.alias)).toEqual(['rejecting', 'failing']);
    expect(error?.errors).toHaveLength(2);
    expect(disposed).toEqual(['fine']);
    expect(error?.message).toBe(
      '2 plugins could not be disposed:\n  - "rejecting": worker did not stop\n  - "failing": socket already closed',
    );
  });

  it('refuses resolves afterwards with PluginDisposedError', async () => {
    const { registry } = journal();
    const container = createPluginContainer({ registry });
    const resolver = container.get(PluginResolver);
    resolver.resolve('ddp');

    await disposePluginContainer(container);

    const error = thrown<PluginDisposedError>(() => resolver.resolve('ddp'));
    expect(error).toBeInstanceOf(PluginDisposedError);
    expect(error.code).toBe('PLUGIN_DISPOSED');
    expect(error.message).toBe(
      'Cannot resolve plugin "ddp": its container has been disposed. Resolve plugins before disposing the container, or create a new one.',
    );
    expect(() => container.get(pluginToken('strategy'), { name: 'ddp' })).toThrow(PluginDisposedError);
    await expect(resolver.resolveAsync('ddp')).rejects.toThrow(PluginDisposedError);
  });

  it('disposes once when called twice', async () => {
    const { events, registry } = journal();
    const container = createPluginContainer({ registry });
    container.get(PluginResolver).resolve('ddp');

    await Promise.all([disposePluginContainer(container), disposePluginContainer(container)]);

    expect(events).toEqual(['new ddp', 'dispose ddp']);
  });

  it('works on a container that loaded pluginModule', async () => {
    const { events, registry } = journal();
    const container = new Container();
    container.load(pluginModule(registry));
    container.get(PluginResolver).resolve('ddp');

    await disposePluginContainer(container);

    expect(events).toEqual(['new ddp', 'dispose ddp']);
  });
});

describe(PluginResolver.prototype.scope.name, () => {
  it('disposes the transients built through it, newest first, and not the singletons', async () => {
    const { events, registry } = journal();
    const resolver = createPluginContainer({ registry }).get(PluginResolver);
    {
      await using scope = resolver.scope();
      scope.resolve('logger');
      scope.resolveAll(['ddp', 'profiler']);
    }

    expect(events).toEqual(['new logger', 'new ddp', 'new profiler', 'async dispose profiler', 'dispose logger']);
  });

  it('disposes when the block throws, as a trainer tears its strategy down when fit throws', async () => {
    const { events, registry } = journal();
    const resolver = createPluginContainer({ registry }).get(PluginResolver);
    const fit = async (): Promise<void> => {
      await using scope = resolver.scope();
      await scope.resolveAsync('logger');
      throw new Error('loss is NaN');
    };

    await expect(fit()).rejects.toThrow('loss is NaN');

    expect(events).toEqual(['new logger', 'dispose logger']);
  });

  it('disposes synchronously with `using`, and refuses an async-only instance without disposing anything', () => {
    const { events, registry } = journal();
    const resolver = createPluginContainer({ registry }).get(PluginResolver);
    {
      using scope = resolver.scope();
      scope.resolve('logger');
    }
    const scope = resolver.scope();
    scope.resolve('logger');
    scope.resolve('profiler');

    const error = thrown<PluginDisposalError>(() => {
      scope[Symbol.dispose]();
    });

    expect(events).toEqual(['new logger', 'dispose logger', 'new logger', 'new profiler']);
    expect(error).toBeInstanceOf(PluginDisposalError);
    expect(error.failures.map((failure) => failure.alias)).toEqual(['profiler']);
    expect(scope.disposed).toBe(false);
  });

  it('leaves instances passed in the selection to the caller', async () => {
    const { events, registry } = journal();
    const resolver = createPluginContainer({ registry }).get(PluginResolver);
    class Mine {
      [Symbol.dispose](): void {
        events.push('dispose mine');
      }
    }
    const mine = new Mine();
    const scope = resolver.scope();
    scope.resolveAll([mine, 'logger']);
    await scope.dispose();

    expect(events.filter((event) => event.includes('mine'))).toEqual([]);
  });

  it('disposes many instances newest first, each once', async () => {
    const registry = new PluginRegistry();
    const disposed: number[] = [];
    let next = 0;
    class Numbered {
      readonly n = next++;
      [Symbol.dispose](): void {
        disposed.push(this.n);
      }
    }
    registry.register(Numbered, { alias: 'numbered' });
    const scope = createPluginContainer({ registry }).get(PluginResolver).scope();
    for (let i = 0; i < 20; i += 1) scope.resolve('numbered');

    await scope.dispose();
    await scope.dispose();

    expect(disposed).toEqual([...Array(20).keys()].reverse());
  });

  it('refuses resolves once disposed', async () => {
    const { registry } = journal();
    const scope = createPluginContainer({ registry }).get(PluginResolver).scope();
    await scope.dispose();

    const error = thrown<PluginDisposedError>(() => scope.resolve('logger'));

    expect(error).toBeInstanceOf(PluginDisposedError);
    expect(error.owner).toBe('scope');
  });

  it('collects disposal failures into one PluginDisposalError', async () => {
    const registry = new PluginRegistry();
    class Failing {
      [Symbol.dispose](): void {
        throw new Error('file locked');
      }
    }
    registry.register(Failing, { alias: 'failing' });
    const scope = createPluginContainer({ registry }).get(PluginResolver).scope();
    scope.resolve('failing');
    scope.resolve('failing');

    await expect(scope.dispose()).rejects.toMatchObject({
      code: 'PLUGIN_DISPOSAL_FAILED',
      failures: [{ alias: 'failing' }, { alias: 'failing' }],
    });
  });
});

describe(PluginResolver.prototype.resolveAll.name, () => {
  it('disposes what it built when a later plugin fails to build (issue 14)', () => {
    const { events, registry } = journal();
    class Broken {
      constructor() {
        throw new Error('no GPU');
      }
    }
    registry.register(Broken, { alias: 'broken', kind: 'accelerator' });
    const resolver = createPluginContainer({ registry }).get(PluginResolver);

    const error = thrown<PluginCreationError>(() => resolver.resolveAll(['logger', 'broken']));

    expect(error).toBeInstanceOf(PluginCreationError);
    expect(events).toEqual(['new logger', 'dispose logger']);
  });
});
