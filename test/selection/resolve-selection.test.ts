import { describe, expect, it } from '@jest/globals';
import {
  PluginConflictError,
  PluginRegistry,
  PluginResolver,
  PluginSelectionError,
  UnknownPluginError,
  createPluginContainer,
  readPluginsOption,
} from 'plugboard';
import { thrown } from '../support/thrown.js';

class Strategy {
  constructor(readonly options: unknown) {}
}
class Precision {
  constructor(readonly options: unknown) {}
}

function setup() {
  const registry = new PluginRegistry();
  registry.defineKind('strategy', { exclusive: true });
  registry.register(Strategy, { alias: 'ddp', kind: 'strategy', params: { workers: 2 }, optionKeys: ['workers'] });
  registry.register(Strategy, { alias: 'deepspeed', kind: 'strategy', params: { stage: 2 } });
  registry.register(Precision, { alias: 'bf16-mixed', kind: 'precision' });
  registry.register(Precision, { alias: 'grad_clip', kind: 'callback' });
  registry.register(Precision, { alias: 'early_stop', kind: 'callback' });
  return { registry, resolver: createPluginContainer({ registry }).get(PluginResolver) };
}

describe('PluginResolver.resolveAll with text', () => {
  it('reads strings with the selection syntax', () => {
    const { resolver } = setup();

    expect(resolver.resolveAll('ddp(workers=4), bf16-mixed')).toEqual({
      strategy: [new Strategy({ workers: 4 })],
      precision: [new Precision(undefined)],
    });
  });

  it('throws PluginConflictError for two plugins of an exclusive kind, naming both', () => {
    const { resolver } = setup();

    const error = thrown<PluginConflictError>(() => resolver.resolveAll(['ddp', { alias: 'deepspeed' }]));

    expect(error).toBeInstanceOf(PluginConflictError);
    expect(error).toMatchObject({ code: 'PLUGIN_CONFLICT', kind: 'strategy', plugins: ['ddp', 'deepspeed'] });
    expect(error.message).toBe(
      'Only one plugin of kind "strategy" can be selected, got "ddp" and "deepspeed". Remove all but one from the selection.',
    );
    expect(() => resolver.resolveAll(['ddp', new Strategy('mine')])).toThrow('got "ddp" and "Strategy instance"');
  });

  it('names the aliases of a conflict as they were typed, a deprecated one too (issue 13)', () => {
    const { registry, resolver } = setup();
    registry.deprecate('deepspeed_stage_2', 'deepspeed');
    const quiet = process.noDeprecation;
    process.noDeprecation = true;

    const error = thrown<PluginConflictError>(() => resolver.resolveAll('DeepSpeed, deepspeed_stage_2'));
    process.noDeprecation = quiet === true;

    expect(error.plugins).toEqual(['DeepSpeed', 'deepspeed_stage_2']);
    expect(error.message).toContain('got "DeepSpeed" and "deepspeed_stage_2"');
  });

  it('allows several plugins of a kind that is not exclusive', () => {
    const { resolver } = setup();

    expect(resolver.resolveAll('grad_clip, early_stop').callback).toHaveLength(2);
  });
});

describe(readPluginsOption.name, () => {
  it('takes --plugins from the command line first, repeated flags adding up', () => {
    const { registry } = setup();

    const option = readPluginsOption({
      argv: ['fit', '--plugins', 'ddp(workers=8)', '--plugins=bf16-mixed', '--epochs', '3'],
      env: { PLUGINS: 'deepspeed' },
      config: { plugins: 'deepspeed' },
      registry,
    });

    expect(option).toEqual({
      source: '--plugins',
      choices: [{ alias: 'ddp', options: { workers: 8 } }, { alias: 'bf16-mixed' }],
      forms: ['text', 'text'],
    });
  });

  it('falls back to the environment, then the config file, then nothing', () => {
    const config = { plugins: ['bf16-mixed', { alias: 'deepspeed', options: { stage: 3 } }] };

    expect(readPluginsOption({ argv: [], env: { PLUGINS: 'ddp' }, config }).source).toBe('PLUGINS');
    expect(readPluginsOption({ argv: [], env: {}, config })).toEqual({
      source: 'config plugins',
      choices: [{ alias: 'bf16-mixed' }, { alias: 'deepspeed', options: { stage: 3 } }],
      forms: ['text', 'object'],
    });
    expect(readPluginsOption({})).toEqual({ source: 'default', choices: [] });
  });

  it('uses the names a framework chooses', () => {
    const option = readPluginsOption({
      argv: ['--trainer-plugins', 'ddp'],
      flag: 'trainer-plugins',
      env: { TRAINER_PLUGINS: 'x' },
      envVar: 'TRAINER_PLUGINS',
    });

    expect(option.choices).toEqual([{ alias: 'ddp' }]);
    expect(readPluginsOption({ env: { TRAINER_PLUGINS: 'x' }, envVar: 'TRAINER_PLUGINS' }).source).toBe(
      'TRAINER_PLUGINS',
    );
  });

  it('names the source in errors', () => {
    const { registry } = setup();

    expect(() => readPluginsOption({ env: { PLUGINS: 'dpp' }, registry })).toThrow(UnknownPluginError);
    expect(() => readPluginsOption({ env: { PLUGINS: 'dpp' }, registry })).toThrow(
      /^In PLUGINS: No plugin "dpp"\. Did you mean "ddp"\?/,
    );
    expect(() => readPluginsOption({ argv: ['--plugins', 'ddp(workers=)'] })).toThrow(
      /^In --plugins: Invalid plugin selection at position 12/,
    );
    expect(() => readPluginsOption({ config: { plugins: [42] } })).toThrow(PluginSelectionError);
    expect(() => readPluginsOption({ argv: ['--plugins'] })).toThrow('--plugins needs a value');
  });
});
