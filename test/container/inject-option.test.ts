import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { Container, inject, injectable } from 'inversify';
import {
  PLUGIN_OPTIONS,
  PluginCreationError,
  PluginRegistrationError,
  PluginRegistry,
  PluginResolver,
  createPluginContainer,
  disposePluginContainer,
  pluginSetup,
  pluginToken,
  registerPlugin,
} from 'plugboard';
import { thrown } from '../support/thrown.js';

// Issue 27 item 1: a registration declares its constructor's dependencies as data (`inject`), so a plugin with
// services needs neither parameter decorators nor decorator metadata.
class WorkerPool {
  readonly size = 4;
}
const LOG = Symbol('LOG');

class DdpStrategy {
  constructor(
    readonly options: { workers: number },
    readonly pool: WorkerPool,
    readonly log: (line: string) => void,
  ) {}
}

function setup(inject: readonly unknown[] = [PLUGIN_OPTIONS, WorkerPool, LOG]) {
  const registry = new PluginRegistry();
  registry.register(DdpStrategy, {
    alias: 'ddp',
    kind: 'strategy',
    params: { workers: 2 },
    inject: inject as never,
  });
  const parent = new Container();
  parent.bind(WorkerPool).toSelf();
  const lines: string[] = [];
  parent.bind(LOG).toConstantValue((line: string) => lines.push(line));
  const container = createPluginContainer({ registry, parent });
  return { registry, parent, container, resolver: container.get(PluginResolver), lines };
}

describe('the inject registration option', () => {
  it('builds a plain class with its options and services resolved through the container', () => {
    const { resolver, container } = setup();

    const ddp = resolver.resolve('ddp', { workers: 8 }) as DdpStrategy;
    const named = container.get<DdpStrategy>(pluginToken('strategy'), { name: 'ddp' });

    expect(ddp).toBeInstanceOf(DdpStrategy);
    expect(ddp.options).toEqual({ workers: 8 });
    expect(ddp.pool).toBeInstanceOf(WorkerPool);
    expect(typeof ddp.log).toBe('function');
    expect(named.options).toEqual({ workers: 2 });
  });

  it('passes the options at any position, and only the declared parameters', () => {
    class Reversed {
      readonly args: unknown[];
      constructor(...args: unknown[]) {
        this.args = args;
      }
    }
    const registry = new PluginRegistry();
    registry.register(Reversed, { alias: 'reversed', params: { a: 1 }, inject: [LOG, PLUGIN_OPTIONS] });
    const parent = new Container();
    parent.bind(LOG).toConstantValue('log');

    const built = createPluginContainer({ registry, parent }).get(PluginResolver).resolve('reversed') as Reversed;

    expect(built.args).toEqual(['log', { a: 1 }]);
  });

  it('gives undefined for an optional dependency that nothing is bound to, and the value when one is', () => {
    const { resolver, parent } = setup([PLUGIN_OPTIONS, WorkerPool, { token: 'missing', optional: true }]);

    expect((resolver.resolve('ddp') as DdpStrategy).log).toBeUndefined();
    parent.bind('missing').toConstantValue('found');
    expect((resolver.resolve('ddp') as DdpStrategy).log).toBe('found');
  });

  it("picks inversify's named binding for { token, name }", () => {
    const { resolver, parent } = setup([PLUGIN_OPTIONS, WorkerPool, { token: 'sink', name: 'disk' }]);
    parent.bind('sink').toConstantValue('memory').whenNamed('memory');
    parent.bind('sink').toConstantValue('disk').whenNamed('disk');

    expect((resolver.resolve('ddp') as DdpStrategy).log).toBe('disk');
  });

  it('injects other plugins by their kind token and name', () => {
    class Trainer {
      constructor(readonly strategy: DdpStrategy) {}
    }
    const { registry, resolver } = setup();
    registry.register(Trainer, { alias: 'trainer', inject: [{ token: pluginToken('strategy'), name: 'ddp' }] });

    expect((resolver.resolve('trainer') as Trainer).strategy).toBeInstanceOf(DdpStrategy);
  });

  it('names the plugin, the parameter position and the token when a dependency cannot be resolved', () => {
    const registry = new PluginRegistry();
    registry.register(DdpStrategy, { alias: 'ddp', params: { workers: 2 }, inject: [PLUGIN_OPTIONS, WorkerPool] });

    const error = thrown<PluginCreationError>(() =>
      createPluginContainer({ registry }).get(PluginResolver).resolve('ddp'),
    );

    expect(error).toBeInstanceOf(PluginCreationError);
    expect(error.alias).toBe('ddp');
    expect(error.message).toBe(
      'Could not create plugin "ddp" -> DdpStrategy. Cause: constructor parameter 2 (inject[1], WorkerPool) ' +
        'could not be resolved: No bindings found for service: "WorkerPool". … Bind it in the container (or its ' +
        'parent), or declare it { token, optional: true }.',
    );
  });

  it('keeps the path through a plugin dependency whose constructor throws', () => {
    class Broken {
      constructor() {
        throw new Error('no GPU');
      }
    }
    class Trainer {
      constructor(readonly strategy: unknown) {}
    }
    const registry = new PluginRegistry();
    registry.register(Broken, { alias: 'broken', kind: 'strategy' });
    registry.register(Trainer, { alias: 'trainer', inject: [{ token: pluginToken('strategy'), name: 'broken' }] });

    const error = thrown(() => createPluginContainer({ registry }).get(PluginResolver).resolve('trainer'));

    expect(error.message).toBe('Could not create plugin "trainer" -> Trainer -> Broken. Cause: no GPU');
  });

  it('builds a singleton once and disposes it with the container', async () => {
    const disposed: string[] = [];
    class Cache {
      constructor(readonly pool: WorkerPool) {}
      [Symbol.dispose](): void {
        disposed.push('cache');
      }
    }
    const registry = new PluginRegistry();
    registry.register(Cache, { alias: 'cache', scope: 'singleton', inject: [WorkerPool] });
    const parent = new Container();
    parent.bind(WorkerPool).toSelf();
    const container = createPluginContainer({ registry, parent });
    const resolver = container.get(PluginResolver);

    expect(resolver.resolve('cache')).toBe(resolver.resolve('cache'));
    expect((resolver.resolve('cache') as Cache).pool).toBeInstanceOf(WorkerPool);
    await disposePluginContainer(container);
    expect(disposed).toEqual(['cache']);
  });

  it('sets up a plugin with async set-up after injecting its dependencies', async () => {
    class Loader {
      ready = false;
      constructor(readonly pool: WorkerPool) {}
      async [pluginSetup](): Promise<void> {
        await Promise.resolve();
        this.ready = this.pool instanceof WorkerPool;
      }
    }
    const registry = new PluginRegistry();
    registry.register(Loader, { alias: 'loader', inject: [WorkerPool] });
    const parent = new Container();
    parent.bind(WorkerPool).toSelf();

    const loader = (await createPluginContainer({ registry, parent })
      .get(PluginResolver)
      .resolveAsync('loader')) as Loader;

    expect(loader.ready).toBe(true);
  });

  it('wins over inversify decorators on the class', () => {
    @injectable()
    class Decorated {
      constructor(readonly value: unknown) {}
    }
    const registry = new PluginRegistry();
    registry.register(Decorated, { alias: 'decorated', params: { a: 1 }, inject: [PLUGIN_OPTIONS] });

    expect((createPluginContainer({ registry }).get(PluginResolver).resolve('decorated') as Decorated).value).toEqual({
      a: 1,
    });
  });

  it('shows the declared dependencies on the entry, as descriptors', () => {
    const { registry } = setup([PLUGIN_OPTIONS, { token: LOG, optional: true }]);

    expect(registry.get('ddp').inject).toEqual([
      { token: PLUGIN_OPTIONS, optional: false, name: undefined },
      { token: LOG, optional: true, name: undefined },
    ]);
    expect(Object.isFrozen(registry.get('ddp').inject)).toBe(true);
  });
});

describe('checking the inject option at registration', () => {
  const register = (inject: unknown) => () => {
    registerPlugin(class Plugin {}, { alias: 'p', registry: new PluginRegistry(), inject: inject as never });
  };

  it('refuses a value that is not an array', () => {
    expect(register(WorkerPool)).toThrow(
      'Plugin "p": inject must be an array of the constructor\'s dependencies, such as [PLUGIN_OPTIONS, Logger], ' +
        'got function WorkerPool.',
    );
  });

  it('refuses an item that is neither a token nor a descriptor, naming its position', () => {
    expect(register([PLUGIN_OPTIONS, 42])).toThrow(
      'Plugin "p": inject[1] must be a token (a class, string or symbol) or { token, optional?, name? }, got number 42.',
    );
  });

  it('refuses an unknown descriptor key with a did-you-mean', () => {
    expect(register([{ token: LOG, optinal: true }])).toThrow(
      'Plugin "p": inject[0] has unknown key "optinal". Did you mean "optional"? Known keys: name, optional, token.',
    );
  });

  it('refuses a descriptor without a token, a non-boolean optional and a name of the wrong type', () => {
    expect(register([{ optional: true }])).toThrow('Plugin "p": inject[0].token must be a class, string or symbol');
    expect(register([{ token: LOG, optional: 'yes' }])).toThrow('Plugin "p": inject[0].optional must be true or false');
    expect(register([{ token: LOG, name: {} }])).toThrow(
      'Plugin "p": inject[0].name must be a string, number or symbol',
    );
  });

  it('turns a throwing getter in a descriptor into a PluginRegistrationError', () => {
    const hostile = {
      get token(): never {
        throw new Error('trap');
      },
    };

    expect(thrown(register([hostile]))).toEqual(
      expect.objectContaining({
        code: 'PLUGIN_INVALID_REGISTRATION',
        message: 'Reading the plugin registration options threw: trap.',
      }),
    );
  });

  it('refuses a Proxy array whose traps throw, without an unhandled error', () => {
    const proxy = new Proxy([], {
      get() {
        throw new Error('trap');
      },
    });

    expect(register(proxy)).toThrow(PluginRegistrationError);
  });

  it('reads each descriptor once', () => {
    let reads = 0;
    const descriptor = {
      get token() {
        reads += 1;
        return reads === 1 ? LOG : 42;
      },
    };
    const registry = new PluginRegistry();
    registry.register(class Plugin {}, { alias: 'p', inject: [descriptor as never] });

    expect(registry.get('p').inject?.[0]?.token).toBe(LOG);
    expect(reads).toBe(1);
  });
});

describe('a class with @inject compiled without decorator metadata', () => {
  it('gives a PluginCreationError that says how to declare its dependencies', () => {
    // What a standard-decorators or esbuild build leaves: @inject on one parameter, no design:paramtypes.
    class Logger {}
    class Ddp {
      constructor(
        readonly options: unknown,
        readonly logger: Logger,
      ) {}
    }
    inject(PLUGIN_OPTIONS)(Ddp, undefined, 0);
    injectable()(Ddp);
    const registry = new PluginRegistry();
    registry.register(Ddp, { alias: 'ddp' });
    const parent = new Container();
    parent.bind(Logger).toSelf();

    const error = thrown(() => createPluginContainer({ registry, parent }).get(PluginResolver).resolve('ddp'));

    expect(error).toBeInstanceOf(PluginCreationError);
    expect(error.message).toBe(
      'Could not create plugin "ddp" -> Ddp. Cause: inversify cannot tell its constructor\'s dependencies: some ' +
        'parameters have no @inject and the class was compiled without decorator metadata (tsx, esbuild, vitest ' +
        'and swc emit none by default). Declare them in the registration instead, inject: [PLUGIN_OPTIONS, ' +
        '...tokens], or put @inject(token) on every parameter, or set "experimentalDecorators" and ' +
        '"emitDecoratorMetadata" to true in tsconfig.json. inversify said: Found unexpected missing metadata on ' +
        'type "Ddp". "Ddp" constructor requires at least 2 arguments, found 1 instead. …',
    );
  });

  it('leaves the other plugins of the registry resolvable', () => {
    class Ddp {
      constructor(
        readonly options: unknown,
        readonly logger: unknown,
      ) {}
    }
    inject(PLUGIN_OPTIONS)(Ddp, undefined, 0);
    injectable()(Ddp);
    const registry = new PluginRegistry();
    registry.register(Ddp, { alias: 'ddp' });
    registry.register(class Fine {}, { alias: 'fine' });

    expect(createPluginContainer({ registry }).get(PluginResolver).resolve('fine')).toBeDefined();
  });
});
