import { describe, expect, it } from '@jest/globals';
import { Container } from 'inversify';
import {
  InvalidPluginOptionsError,
  PLUGIN_OPTIONS,
  PluginCreationError,
  PluginRegistry,
  PluginResolver,
  UnknownPluginError,
  createPluginContainer,
  pluginModule,
  pluginToken,
} from 'plugboard';
import { thrown } from '../support/thrown.js';

interface DeepSpeedOptions {
  stage: number;
  offload?: { optimizer: boolean };
}

class DeepSpeedStrategy {
  constructor(readonly options: DeepSpeedOptions) {}
}
class Bf16Precision {}

function strategies(): PluginRegistry {
  const registry = new PluginRegistry();
  registry.register(DeepSpeedStrategy, { alias: 'deepspeed', kind: 'strategy', params: { stage: 2 } });
  registry.register(DeepSpeedStrategy, {
    alias: 'deepspeed_zero_3_offload',
    kind: 'strategy',
    params: { stage: 3, offload: { optimizer: true } },
  });
  registry.register(Bf16Precision, { alias: 'bf16-mixed', kind: 'precision' });
  return registry;
}

describe(createPluginContainer.name, () => {
  it('binds every plugin as a named binding of its kind token', () => {
    const container = createPluginContainer({ registry: strategies() });

    const strategy = container.get(pluginToken('strategy'), { name: 'deepspeed_zero_3_offload' });

    expect(strategy).toEqual(new DeepSpeedStrategy({ stage: 3, offload: { optimizer: true } }));
    expect(container.get(pluginToken('precision'), { name: 'bf16-mixed' })).toBeInstanceOf(Bf16Precision);
  });

  it('finds a named binding whatever the case and -/_ spelling', () => {
    const container = createPluginContainer({ registry: strategies() });

    expect(container.get(pluginToken('strategy'), { name: 'DeepSpeed-Zero-3-Offload' })).toBeInstanceOf(
      DeepSpeedStrategy,
    );
  });

  it('sees registrations made after it was created, and their removal', () => {
    const registry = strategies();
    const container = createPluginContainer({ registry });

    const handle = registry.register(DeepSpeedStrategy, { alias: 'late', kind: 'strategy', params: { stage: 1 } });

    expect(container.get(PluginResolver).resolve('late')).toEqual(new DeepSpeedStrategy({ stage: 1 }));
    expect(container.get(pluginToken('strategy'), { name: 'late' })).toBeInstanceOf(DeepSpeedStrategy);
    handle.dispose();
    expect(() => container.get(pluginToken('strategy'), { name: 'late' })).toThrow();
    expect(() => container.get(PluginResolver).resolve('late')).toThrow(UnknownPluginError);
  });

  it('follows an override and brings the original back when it is disposed', () => {
    const registry = strategies();
    const container = createPluginContainer({ registry });
    const resolver = container.get(PluginResolver);

    const handle = registry.register(Bf16Precision, { alias: 'deepspeed', kind: 'strategy', override: true });

    expect(resolver.resolve('deepspeed')).toBeInstanceOf(Bf16Precision);
    handle.dispose();
    expect(resolver.resolve('deepspeed')).toBeInstanceOf(DeepSpeedStrategy);
  });

  it('takes services from a parent container', () => {
    const parent = new Container();
    parent.bind('answer').toConstantValue(42);

    const container = createPluginContainer({ registry: strategies(), parent });

    expect(container.get('answer')).toBe(42);
  });
});

describe('a registration without params', () => {
  // docs/registering.md says what the constructor gets; the entry's params are {} all the same.
  it('passes undefined to the constructor unless the caller gives options, also through inject', () => {
    class Probe {
      constructor(readonly options?: { verbose?: boolean }) {}
    }
    const registry = new PluginRegistry();
    registry.register(Probe, { alias: 'probe', optionKeys: ['verbose'] });
    registry.register(Probe, { alias: 'probe_injected', optionKeys: ['verbose'], inject: [PLUGIN_OPTIONS] });
    const resolver = createPluginContainer({ registry }).get(PluginResolver);

    expect(registry.get('probe').params).toEqual({});
    expect((resolver.resolve('probe') as Probe).options).toBeUndefined();
    expect((resolver.resolve('probe_injected') as Probe).options).toBeUndefined();
    expect((resolver.resolve('probe', { verbose: true }) as Probe).options).toEqual({ verbose: true });
  });
});

describe(pluginModule.name, () => {
  it('gives the same bindings to an existing container', () => {
    const container = new Container();

    container.load(pluginModule(strategies()));

    expect(container.get(pluginToken('strategy'), { name: 'deepspeed' })).toEqual(new DeepSpeedStrategy({ stage: 2 }));
    expect(container.get(PluginResolver)).toBeInstanceOf(PluginResolver);
  });

  it('keeps transient plugins transient in a container whose default scope is singleton', () => {
    const container = new Container({ defaultScope: 'Singleton' });

    container.load(pluginModule(strategies()));

    const token = pluginToken('strategy');
    expect(container.get(token, { name: 'deepspeed' })).not.toBe(container.get(token, { name: 'deepspeed' }));
  });

  it('binds every variant whatever order the aliases were registered in, and lists them sorted', () => {
    const registry = new PluginRegistry();
    for (const alias of ['zeta', 'alpha', 'mid']) registry.register(Bf16Precision, { alias, kind: 'precision' });
    registry.register(DeepSpeedStrategy, { alias: 'beta', kind: 'strategy', params: { stage: 1 } });
    const container = new Container();

    container.load(pluginModule(registry));

    for (const alias of ['zeta', 'alpha', 'mid']) {
      expect(container.get(pluginToken('precision'), { name: alias })).toBeInstanceOf(Bf16Precision);
    }
    expect(container.get(pluginToken('strategy'), { name: 'BETA' })).toEqual(new DeepSpeedStrategy({ stage: 1 }));
    expect(registry.availablePlugins()).toEqual(['alpha', 'beta', 'mid', 'zeta']);
  });

  it('stops following the registry once unloaded', () => {
    const registry = strategies();
    const container = new Container();
    const module = pluginModule(registry);
    container.load(module);

    container.unload(module);
    registry.register(Bf16Precision, { alias: 'after_unload', kind: 'precision' });

    expect(container.isBound(pluginToken('precision'))).toBe(false);
  });
});

describe(PluginResolver.name, () => {
  it('gives each transient resolution a new instance with its own copy of the options', () => {
    const registry = strategies();
    const resolver = createPluginContainer({ registry }).get(PluginResolver);

    const first = resolver.resolve('deepspeed_zero_3_offload') as DeepSpeedStrategy;
    const second = resolver.resolve('deepspeed_zero_3_offload') as DeepSpeedStrategy;
    first.options.stage = 99;
    (first.options.offload ?? { optimizer: true }).optimizer = false;

    expect(second).not.toBe(first);
    expect(second.options).toEqual({ stage: 3, offload: { optimizer: true } });
    expect(registry.get('deepspeed_zero_3_offload').params).toEqual({ stage: 3, offload: { optimizer: true } });
  });

  it('merges overrides into the variant params, deeply', () => {
    const resolver = createPluginContainer({ registry: strategies() }).get(PluginResolver);

    const strategy = resolver.resolve('deepspeed_zero_3_offload', { offload: { optimizer: false } });

    expect(strategy).toEqual(new DeepSpeedStrategy({ stage: 3, offload: { optimizer: false } }));
  });

  it('refuses overrides that are not a plain object or carry prototype keys', () => {
    const resolver = createPluginContainer({ registry: strategies() }).get(PluginResolver);

    expect(() => resolver.resolve('deepspeed', [] as never)).toThrow(InvalidPluginOptionsError);
    expect(() => resolver.resolve('deepspeed', JSON.parse('{"__proto__": {"x": 1}}') as never)).toThrow(
      'Invalid options for plugin "deepspeed":\n  - __proto__: the key "__proto__" is not allowed in plugin options',
    );
  });

  it('builds a singleton once per container', () => {
    const registry = new PluginRegistry();
    registry.register(Bf16Precision, { alias: 'shared', scope: 'singleton' });
    const container = createPluginContainer({ registry });
    const resolver = container.get(PluginResolver);

    const first = resolver.resolve('shared');

    expect(resolver.resolve('shared')).toBe(first);
    expect(container.get(pluginToken('plugin'), { name: 'shared' })).toBe(first);
    expect(createPluginContainer({ registry }).get(PluginResolver).resolve('shared')).not.toBe(first);
    expect(() => resolver.resolve('shared', { x: 1 })).toThrow(
      'a singleton plugin is built once per container and takes no per-call options',
    );
  });

  it('wraps a constructor that throws in PluginCreationError, keeping the cause', () => {
    const registry = new PluginRegistry();
    const cause = new Error('CUDA not available');
    class Broken {
      constructor() {
        throw cause;
      }
    }
    registry.register(Broken, { alias: 'broken', kind: 'strategy' });
    const container = createPluginContainer({ registry });

    const error = thrown(() => container.get(PluginResolver).resolve('broken'));

    expect(error).toBeInstanceOf(PluginCreationError);
    expect(error).toMatchObject({ code: 'PLUGIN_CREATION_FAILED', alias: 'broken', cause });
    expect(error.message).toBe('Could not create plugin "broken" -> Broken. Cause: CUDA not available');
    expect(() => container.get(pluginToken('strategy'), { name: 'broken' })).toThrow(PluginCreationError);
  });

  it('throws UnknownPluginError with suggestions for an unknown alias', () => {
    const resolver = createPluginContainer({ registry: strategies() }).get(PluginResolver);

    expect(() => resolver.resolve('deepsped')).toThrow('Did you mean "deepspeed"?');
  });

  describe('resolveAll', () => {
    it('resolves aliases, { alias, options } and instances, grouped by kind', () => {
      const resolver = createPluginContainer({ registry: strategies() }).get(PluginResolver);
      const ready = new Bf16Precision();

      const plugins = resolver.resolveAll(['deepspeed', { alias: 'deepspeed', options: { stage: 1 } }, ready]);

      expect(plugins).toEqual({
        strategy: [new DeepSpeedStrategy({ stage: 2 }), new DeepSpeedStrategy({ stage: 1 })],
        precision: [ready],
      });
    });

    it('takes a single alias', () => {
      const resolver = createPluginContainer({ registry: strategies() }).get(PluginResolver);

      expect(resolver.resolveAll('bf16-mixed')).toEqual({ precision: [new Bf16Precision()] });
    });

    it('puts an instance of an unregistered class under kind "plugin"', () => {
      const resolver = createPluginContainer({ registry: strategies() }).get(PluginResolver);
      const custom = new (class Custom {})();

      expect(resolver.resolveAll([custom])).toEqual({ plugin: [custom] });
    });

    it('looks every alias up before building any plugin', () => {
      const registry = strategies();
      let built = 0;
      class Counted {
        constructor() {
          built += 1;
        }
      }
      registry.register(Counted, { alias: 'counted' });
      const resolver = createPluginContainer({ registry }).get(PluginResolver);

      expect(() => resolver.resolveAll(['counted', 'missing'])).toThrow(UnknownPluginError);
      expect(built).toBe(0);
    });

    it.each([
      [42, 'Invalid plugin selection at [0]: number 42 (not a plugin).'],
      [
        [{ alias: 'deepspeed', option: {} }],
        'Invalid plugin selection at [0]: an object (unknown key "option", did you mean "options"?).',
      ],
      [['deepspeed', { name: 'x' }], 'Invalid plugin selection at [1]: an object (unknown key "name").'],
      [[null], 'Invalid plugin selection at [0]: null (not a plugin).'],
    ])('refuses the bad selection %p', (selection, message) => {
      const resolver = createPluginContainer({ registry: strategies() }).get(PluginResolver);

      expect(() => resolver.resolveAll(selection as never)).toThrow(message);
    });
  });
});
