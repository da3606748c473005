import { describe, expect, it } from '@jest/globals';
import {
  PluginCreationError,
  PluginRegistry,
  PluginResolver,
  UnknownPluginError,
  createPluginContainer,
  pluginToken,
} from 'plugboard';
import { internals } from '../../src/registry/registry-internals.js';
import { thrown } from '../support/thrown.js';

class DeepSpeedStrategy {
  constructor(readonly options: unknown) {}
}

function manifestEntry(registry: PluginRegistry, load: () => void) {
  return registry.registerLazy({
    alias: 'deepspeed',
    kind: 'strategy',
    description: 'DeepSpeed ZeRO stage 2',
    recommendedWhen: 'model states do not fit one device',
    params: { stage: 2 },
    module: 'plugins/deepspeed.js',
    exportName: 'DeepSpeedStrategy',
    load,
  });
}

describe('PluginRegistry.registerLazy (manifest entries)', () => {
  it('lists and describes a plugin without loading its module', () => {
    const registry = new PluginRegistry();
    let loads = 0;
    manifestEntry(registry, () => (loads += 1));

    expect(registry.availablePlugins({ withDescriptions: true, withRecommendations: true })).toEqual([
      'deepspeed: DeepSpeed ZeRO stage 2, recommended when: model states do not fit one device',
    ]);
    expect(registry.get('deepspeed')).toMatchObject({ kind: 'strategy', params: { stage: 2 } });
    createPluginContainer({ registry });
    expect(loads).toBe(0);
  });

  it('loads the module on the first resolve, and then uses the class it registered', () => {
    const registry = new PluginRegistry();
    let loads = 0;
    manifestEntry(registry, () => {
      loads += 1;
      registry.register(DeepSpeedStrategy, { alias: 'deepspeed', kind: 'strategy', params: { stage: 2 } });
    });
    const container = createPluginContainer({ registry });

    expect(container.get(PluginResolver).resolve('deepspeed', { stage: 3 })).toEqual(
      new DeepSpeedStrategy({ stage: 3 }),
    );
    expect(container.get(pluginToken('strategy'), { name: 'deepspeed' })).toEqual(new DeepSpeedStrategy({ stage: 2 }));
    expect(registry.get('deepspeed').target).toBe(DeepSpeedStrategy);
    expect(loads).toBe(1);
  });

  it('reports the module import error when resolving, every time, without retrying', () => {
    const registry = new PluginRegistry();
    let loads = 0;
    const cause = new SyntaxError("Unexpected token '}'");
    manifestEntry(registry, () => {
      loads += 1;
      throw cause;
    });
    const resolver = createPluginContainer({ registry }).get(PluginResolver);

    for (let attempt = 0; attempt < 2; attempt += 1) {
      const error = thrown(() => resolver.resolve('deepspeed'));
      expect(error).toBeInstanceOf(PluginCreationError);
      expect(error).toMatchObject({ cause });
      expect(error.message).toBe(
        'Could not create plugin "deepspeed" -> plugins/deepspeed.js. Cause: Unexpected token \'}\'',
      );
    }
    expect(loads).toBe(1);
    expect(registry.loadErrors()).toEqual([{ module: 'plugins/deepspeed.js', error: cause }]);
  });

  it('says so when the module does not register the alias', () => {
    const registry = new PluginRegistry();
    manifestEntry(registry, () => undefined);

    expect(() => createPluginContainer({ registry }).get(PluginResolver).resolve('deepspeed')).toThrow(
      'Could not create plugin "deepspeed" -> plugins/deepspeed.js. Cause: the module did not register "deepspeed"',
    );
  });

  it('names failed modules when an alias is not found', () => {
    const registry = new PluginRegistry();
    internals(registry).recordLoadError('plugins/broken.js', new Error('Cannot find package "deepspeed-bindings"'));

    const error = thrown(() => registry.get('fsdp'));

    expect(error).toBeInstanceOf(UnknownPluginError);
    expect(error.message).toBe(
      [
        'No plugin "fsdp". No plugins are registered; import the modules that register them.',
        '1 plugin module failed to load and may provide it:',
        '  plugins/broken.js: Cannot find package "deepspeed-bindings"',
      ].join('\n'),
    );
  });
});
