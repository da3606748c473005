import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { Container } from 'inversify';
import {
  PLUGIN_OPTIONS,
  PluginRegistrationError,
  PluginRegistry,
  UnknownPluginError,
  createPluginContainer,
  pluginModule,
  pluginSetup,
  pluginsRegistry,
} from 'plugboard';
import { checkPluginConformance, createTestContainer } from 'plugboard/testing';
import { z } from 'zod';

// Issue 27 item 3: the conformance kit for plugin authors.
describe(checkPluginConformance.name, () => {
  it('passes the third-party sample package (samples/third-party-plugin)', async () => {
    // Plain JavaScript without declarations: imported for the registrations they make.
    for (const module of ['tpu-strategy.js', 'xla-precision.js']) {
      await import(`../../samples/third-party-plugin/plugins/${module}`);
    }

    const report = await checkPluginConformance(pluginsRegistry, { aliases: ['tpu', 'tpu_spmd', 'xla-bf16'] });

    expect(report).toEqual({ ok: true, failures: [] });
  });

  it('builds plugins that inject services in the container it is given, singletons included', async () => {
    class Pool {}
    class Uses {
      constructor(
        readonly options: unknown,
        readonly pool: Pool,
      ) {}
    }
    const registry = new PluginRegistry();
    registry.register(Uses, { alias: 'uses', inject: [PLUGIN_OPTIONS, Pool] });
    registry.register(Uses, { alias: 'uses_once', scope: 'singleton', inject: [PLUGIN_OPTIONS, Pool] });
    const container = () => {
      const parent = new Container();
      parent.bind(Pool).toSelf();
      return createPluginContainer({ registry, parent });
    };

    expect(await checkPluginConformance(registry, { container })).toEqual({ ok: true, failures: [] });
    expect((await checkPluginConformance(registry)).failures.map((failure) => failure.check)).toEqual([
      'construct',
      'construct',
    ]);
  });

  it('checks the schema against the constructor with options generated from its JSON Schema', async () => {
    const seen: unknown[] = [];
    class Recorder {
      constructor(readonly options: unknown) {
        seen.push(options);
      }
    }
    const registry = new PluginRegistry();
    registry.register(Recorder, {
      alias: 'recorder',
      schema: z.object({
        workers: z.number().int().min(2).max(8),
        mode: z.enum(['a', 'b']).default('a'),
        verbose: z.boolean().optional(),
      }),
      optionKeys: ['workers', 'mode', 'verbose'],
      params: { workers: 4 },
    });

    const report = await checkPluginConformance(registry);

    expect(report.failures).toEqual([]);
    expect(seen).toEqual([
      { workers: 4, mode: 'a' },
      { workers: 4, mode: 'a', verbose: true },
      { workers: 4, mode: 'b' },
      { workers: 4, mode: 'a', verbose: false },
    ]);
  });

  it('survives hostile plugins: a thenable set-up, throwing getters and a Proxy instance', async () => {
    class ThenableSetup {
      [pluginSetup](): Promise<void> {
        // A thenable that never settles, as a Promise the plugin forgot to resolve.
        return { then: () => undefined } as unknown as Promise<void>;
      }
    }
    class ThrowingDispose {
      get [Symbol.dispose](): never {
        throw new Error('trap');
      }
    }
    class ProxyInstance {
      constructor() {
        return new Proxy(this, {
          get() {
            throw new Error('proxy trap');
          },
        });
      }
    }
    const registry = new PluginRegistry();
    registry.register(ThenableSetup, { alias: 'thenable' });
    registry.register(ThrowingDispose, { alias: 'throwing' });
    registry.register(ProxyInstance, { alias: 'proxy' });

    const report = await checkPluginConformance(registry, { timeoutMs: 100 });

    expect(report.failures).toEqual([
      { check: 'construct', alias: 'proxy', input: {}, message: expect.stringContaining('proxy trap') },
      {
        check: 'construct',
        alias: 'thenable',
        input: {},
        message: 'it did not finish within 100 ms',
      },
      { check: 'setup-dispose', alias: 'throwing', message: 'disposing it after set-up failed: trap' },
    ]);
  });

  it('refuses an alias that is not registered, and options it does not know', async () => {
    const registry = new PluginRegistry();
    registry.register(class Ddp {}, { alias: 'ddp' });

    await expect(checkPluginConformance(registry, { aliases: ['dpp'] })).rejects.toThrow(UnknownPluginError);
    await expect(checkPluginConformance(registry, { alias: ['ddp'] } as never)).rejects.toThrow(
      new PluginRegistrationError(
        'checkPluginConformance(registry, options): unknown option "alias". Did you mean "aliases"? Known options: ' +
          'aliases, container, timeoutMs.',
      ),
    );
    await expect(checkPluginConformance(registry, { timeoutMs: -1 })).rejects.toThrow(
      'timeoutMs must be a number of milliseconds above 0 and at most 2147483647 (what setTimeout takes), got number -1.',
    );
    // Past 2147483647 setTimeout would fire at once; the message must say where the limit is, not "above 0".
    await expect(checkPluginConformance(registry, { timeoutMs: 3e9 })).rejects.toThrow(
      'timeoutMs must be a number of milliseconds above 0 and at most 2147483647 (what setTimeout takes), got number 3000000000.',
    );
    await expect(checkPluginConformance({} as never)).rejects.toThrow(
      'checkPluginConformance(registry, options) needs a PluginRegistry, got an object.',
    );
  });

  it('refuses a container option that is not a factory of a container with plugboard in it, naming the fix', async () => {
    // These were reported as the plugin's "construct" failures ("container.get is not a function").
    const registry = new PluginRegistry();
    registry.register(class Ddp {}, { alias: 'ddp' });
    const expected = (got: string): string =>
      "checkPluginConformance(registry, options): container() must return an inversify container with plugboard's " +
      'bindings loaded in it (not only in a parent), such as createPluginContainer({ registry }) or createTestContainer({ registry }).container, ' +
      `got ${got}.`;

    await expect(
      checkPluginConformance(registry, { container: createPluginContainer({ registry }) } as never),
    ).rejects.toThrow(
      'container must be a function that makes a container, such as () => createPluginContainer({ registry }), ' +
        'got an object.',
    );
    await expect(
      checkPluginConformance(registry, { container: () => createTestContainer({ registry }) as never }),
    ).rejects.toThrow(new PluginRegistrationError(expected('an object')));
    await expect(checkPluginConformance(registry, { container: () => new Container() })).rejects.toThrow(
      expected('an object'),
    );
    await expect(checkPluginConformance(registry, { container: () => undefined as never })).rejects.toThrow(
      expected('undefined'),
    );
    const child = new Container({ parent: createPluginContainer({ registry }) });
    await expect(checkPluginConformance(registry, { container: () => child })).rejects.toThrow(expected('an object'));
    const app = new Container();
    app.load(pluginModule(registry));
    await expect(checkPluginConformance(registry, { container: () => app })).resolves.toEqual({
      ok: true,
      failures: [],
    });
  });

  it('disposes a singleton through its container, then once more', async () => {
    class Once {
      closed = false;
      [Symbol.dispose](): void {
        if (this.closed) throw new Error('closed twice');
        this.closed = true;
      }
    }
    const registry = new PluginRegistry();
    registry.register(Once, { alias: 'once', scope: 'singleton' });

    expect((await checkPluginConformance(registry)).failures).toEqual([
      { check: 'dispose', alias: 'once', message: 'disposing it again after its container did failed: closed twice' },
    ]);
  });

  it('finds rules that name a plugin of another kind, or require a kind they are incompatible with', async () => {
    const registry = new PluginRegistry();
    registry.register(class Ddp {}, { alias: 'ddp', kind: 'strategy' });
    registry.register(class Bf16 {}, { alias: 'bf16', kind: 'precision' });
    registry.register(class Fsdp {}, {
      alias: 'fsdp',
      kind: 'strategy',
      requires: { precision: ['ddp'], logger: [] },
      incompatibleWith: [{ kind: 'precision' }],
    });
    registry.register(class Fine {}, { alias: 'fine', requires: ['ddp'], incompatibleWith: ['bf16'] });

    expect((await checkPluginConformance(registry, { aliases: ['fsdp', 'fine'] })).failures).toEqual([
      { check: 'rules', alias: 'fsdp', message: 'It requires "ddp" as its precision, but it is of kind "strategy".' },
      {
        check: 'rules',
        alias: 'fsdp',
        message: 'It requires kind "logger", which no plugin has and defineKind did not define.',
      },
      {
        check: 'rules',
        alias: 'fsdp',
        message: 'It both requires a plugin of kind "precision" and is incompatible with every plugin of it.',
      },
    ]);
  });
});
