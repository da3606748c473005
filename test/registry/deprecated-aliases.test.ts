import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { DuplicatePluginError, PluginRegistry, PluginResolver, createPluginContainer, pluginToken } from 'plugboard';

class DeepSpeedStrategy {
  constructor(readonly options: unknown) {}
}

// Each test uses its own alias: the warning is emitted once per process.
function setup(old: string) {
  const registry = new PluginRegistry();
  registry.register(DeepSpeedStrategy, { alias: 'deepspeed_zero_3_offload', kind: 'strategy', params: { stage: 3 } });
  const handle = registry.deprecate(old, 'deepspeed_zero_3_offload', { message: 'It will be removed in 2.0.' });
  const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
  return { registry, handle, warn };
}

afterEach(() => {
  jest.restoreAllMocks();
});

describe('deprecated aliases', () => {
  it('keep working, resolving to the successor', () => {
    const { registry } = setup('deepspeed_stage_3_offload');
    const container = createPluginContainer({ registry });

    expect(container.get(PluginResolver).resolve('deepspeed_stage_3_offload')).toEqual(
      new DeepSpeedStrategy({ stage: 3 }),
    );
    expect(container.get(pluginToken('strategy'), { name: 'Deepspeed-Stage-3-Offload' })).toBeInstanceOf(
      DeepSpeedStrategy,
    );
    expect(registry.get('deepspeed_stage_3_offload').alias).toBe('deepspeed_zero_3_offload');
  });

  it('warn once per process, naming the new alias', () => {
    const { registry, warn } = setup('deepspeed_stage_3_offload_v2');

    registry.get('deepspeed_stage_3_offload_v2');
    registry.get('deepspeed_stage_3_offload_v2');

    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(
      'Plugin alias "deepspeed_stage_3_offload_v2" is deprecated; use "deepspeed_zero_3_offload" instead. It will be removed in 2.0.',
      { type: 'DeprecationWarning', code: 'PLUGBOARD_DEPRECATED_ALIAS' },
    );
    expect(registry.deprecations()).toEqual([
      {
        alias: 'deepspeed_stage_3_offload_v2',
        successor: 'deepspeed_zero_3_offload',
        message: 'It will be removed in 2.0.',
        uses: 2,
      },
    ]);
  });

  it('count one use per plugin in a selection read from text', () => {
    const { registry } = setup('deepspeed_stage_3_offload_v3');

    createPluginContainer({ registry }).get(PluginResolver).resolveAll('deepspeed_stage_3_offload_v3');

    expect(registry.deprecations()[0]?.uses).toBe(1);
  });

  it('are not listed as plugins, and stop working when their handle is disposed', () => {
    const { registry, handle } = setup('ds3o');
    const container = createPluginContainer({ registry });
    container.get(pluginToken('strategy'), { name: 'ds3o' });

    handle.dispose();

    expect(registry.availablePlugins()).toEqual(['deepspeed_zero_3_offload']);
    expect(registry.has('ds3o')).toBe(false);
    expect(() => container.get(pluginToken('strategy'), { name: 'ds3o' })).toThrow();
  });

  it('cannot take an alias that is registered, nor be registered over', () => {
    const { registry } = setup('old_name');

    expect(() => registry.deprecate('deepspeed_zero_3_offload', 'other')).toThrow(DuplicatePluginError);
    expect(() => registry.register(DeepSpeedStrategy, { alias: 'Old-Name' })).toThrow(
      'Alias "Old-Name" is already registered by a deprecated alias of "deepspeed_zero_3_offload"',
    );
  });
});
