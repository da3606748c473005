import { describe, expect, it } from '@jest/globals';
import {
  PLUGIN_OPTIONS,
  PluginRegistrationError,
  PluginRegistry,
  PluginResolver,
  createPluginContainer,
  createRegisterPlugin,
  pluginsRegistry,
} from 'plugboard';
import { callerLine } from '../support/caller-line.js';

// Issue 27 item 2: a RegisterPlugin bound to an application's registry. This file compiles with standard
// decorators; create-register-plugin.legacy.test.ts with experimentalDecorators.
describe(`${createRegisterPlugin.name} (standard decorators)`, () => {
  it('registers into its registry, not the default one, in both forms and stacked', () => {
    const registry = new PluginRegistry();
    const RegisterAppPlugin = createRegisterPlugin(registry);

    @RegisterAppPlugin({ alias: 'app_ddp', kind: 'strategy', params: { workers: 2 } })
    @RegisterAppPlugin({ alias: 'app_ddp_4', kind: 'strategy', params: { workers: 4 } })
    class DdpStrategy {
      constructor(readonly options: { workers: number }) {}
    }
    @RegisterAppPlugin('app_sharded', 'Sharded data parallel', 'optimizer state dominates memory')
    class ShardedStrategy {}

    expect(registry.availablePlugins()).toEqual(['app_ddp', 'app_ddp_4', 'app_sharded']);
    expect(pluginsRegistry.has('app_ddp')).toBe(false);
    expect(registry.get('app_sharded').target).toBe(ShardedStrategy);
    expect(registry.get('app_sharded').recommendedWhen).toBe('optimizer state dominates memory');
    const resolver = createPluginContainer({ registry }).get(PluginResolver);
    expect(resolver.resolve('app_ddp_4')).toEqual(new DdpStrategy({ workers: 4 }));
  });

  it('records the place where the decorator is written', () => {
    const registry = new PluginRegistry();
    const RegisterAppPlugin = createRegisterPlugin(registry);

    const line = callerLine() + 1;
    @RegisterAppPlugin({ alias: 'placed' })
    class Placed {}

    expect(registry.get('placed').source).toBe(`test/decorators/create-register-plugin.test.ts:${String(line)}`);
    expect(registry.get('placed').target).toBe(Placed);
  });

  it('takes every registration option but registry, inject among them', () => {
    const registry = new PluginRegistry();
    const RegisterAppPlugin = createRegisterPlugin(registry);

    @RegisterAppPlugin({ alias: 'with_options', scope: 'singleton', params: { a: 1 }, inject: [PLUGIN_OPTIONS] })
    class WithOptions {
      constructor(readonly options: unknown) {}
    }

    expect(registry.get('with_options').scope).toBe('singleton');
    expect(createPluginContainer({ registry }).get(PluginResolver).resolve('with_options')).toEqual(
      new WithOptions({ a: 1 }),
    );
  });

  it('refuses options that name another registry, and bad options, when the decorator is called', () => {
    const RegisterAppPlugin = createRegisterPlugin(new PluginRegistry());

    expect(() => RegisterAppPlugin({ alias: 'elsewhere', registry: new PluginRegistry() } as never)).toThrow(
      new PluginRegistrationError(
        'Plugin "elsewhere": this decorator registers into the registry given to createRegisterPlugin(registry); ' +
          'remove the registry option, or use RegisterPlugin to register elsewhere.',
      ),
    );
    expect(() => RegisterAppPlugin({ alias: 'x', sope: 'singleton' } as never)).toThrow(PluginRegistrationError);
  });

  it('refuses what is not a registry', () => {
    expect(() => createRegisterPlugin({} as never)).toThrow(
      new PluginRegistrationError('createRegisterPlugin(registry) needs a PluginRegistry, got an object.'),
    );
  });

  it('keeps the options type of the registration', () => {
    const RegisterAppPlugin = createRegisterPlugin(new PluginRegistry());

    // @ts-expect-error -- params must match the declared options type
    RegisterAppPlugin<{ workers: number }>({ alias: 'typed', params: { workers: 'two' } });
    expect(true).toBe(true);
  });
});
