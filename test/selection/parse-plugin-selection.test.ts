import { describe, expect, it } from '@jest/globals';
import {
  InvalidPluginOptionsError,
  PluginRegistry,
  PluginSelectionError,
  UnknownPluginError,
  formatPluginSelection,
  parsePluginSelection,
} from 'plugboard';
import { thrown } from '../support/thrown.js';

class DeepSpeedStrategy {}

function registry(): PluginRegistry {
  const result = new PluginRegistry();
  result.register(DeepSpeedStrategy, {
    alias: 'deepspeed_zero_3_offload',
    kind: 'strategy',
    params: { stage: 3, offloadOptimizer: true },
    optionKeys: ['stage', 'offloadOptimizer', 'offloadParameters'],
  });
  result.register(DeepSpeedStrategy, { alias: 'bf16-mixed', kind: 'precision' });
  return result;
}

describe(parsePluginSelection.name, () => {
  it('reads an alias alone', () => {
    expect(parsePluginSelection('deepspeed_zero_3_offload')).toEqual([{ alias: 'deepspeed_zero_3_offload' }]);
  });

  it('reads several plugins with option overrides, coercing values', () => {
    const choices = parsePluginSelection(
      ' deepspeed_zero_3_offload( stage=2 , offloadOptimizer=false, ratio=0.5, tag=run-7, name="a, b", note=\'x\', empty=null ), bf16-mixed ',
    );

    expect(choices).toEqual([
      {
        alias: 'deepspeed_zero_3_offload',
        options: { stage: 2, offloadOptimizer: false, ratio: 0.5, tag: 'run-7', name: 'a, b', note: 'x', empty: null },
      },
      { alias: 'bf16-mixed' },
    ]);
  });

  it('reads JSON arrays and objects, and dotted keys as nested options', () => {
    expect(parsePluginSelection('ddp(devices=[0, 1], offload.optimizer=true, extra={"a": {"b": [1]}})')).toEqual([
      { alias: 'ddp', options: { devices: [0, 1], offload: { optimizer: true }, extra: { a: { b: [1] } } } },
    ]);
  });

  it('reads an empty selection as no plugins, and empty parentheses as no options', () => {
    expect(parsePluginSelection('  ')).toEqual([]);
    expect(parsePluginSelection('ddp()')).toEqual([{ alias: 'ddp', options: {} }]);
  });

  it.each([
    ['deepspeed(stage 2)', 16, 'expected "=" after the option name "stage", found "2)"'],
    ['deepspeed(stage=2', 17, 'missing ")" to close the options, found the end of the input'],
    ['ddp bf16', 4, 'expected a comma between plugins, found "bf16"'],
    ['ddp,,bf16', 4, 'expected a plugin alias'],
    ['ddp(a=[1, 2)', 6, 'unbalanced brackets in a JSON value'],
    ['ddp(a="x)', 6, 'missing closing quote'],
    ['ddp(a=1, a=2)', 9, 'option "a" is set twice'],
    ['ddp(=1)', 4, 'expected an option name'],
  ])('points at the error in %p', (input, position, problem) => {
    const error = thrown(() => parsePluginSelection(input));

    expect(error).toBeInstanceOf(PluginSelectionError);
    expect(error).toMatchObject({ code: 'PLUGIN_INVALID_SELECTION', input, position });
    expect(error.message).toContain(`Invalid plugin selection at position ${String(position)}: ${problem}`);
    expect(error.message).toContain(`\n  ${input}\n  ${' '.repeat(position)}^\n`);
  });

  it('refuses keys that would pollute a prototype', () => {
    const error = thrown(() => parsePluginSelection('ddp(__proto__.polluted=1)'));

    expect(error).toBeInstanceOf(InvalidPluginOptionsError);
    expect(error.message).toContain('the key "__proto__" is not allowed in plugin options (at position 4)');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps JSON __proto__ keys as data, and the registry refuses them when resolving', () => {
    const [choice] = parsePluginSelection('ddp(extra={"__proto__": {"polluted": 1}})');

    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf((choice?.options as { extra: object }).extra)).toBe(Object.prototype);
  });

  it('refuses input longer than 10,000 characters without parsing it', () => {
    expect(() => parsePluginSelection('a'.repeat(10_001))).toThrow('longer than 10000 characters');
  });

  it('shows a window of long input around the error', () => {
    const input = `${'a'.repeat(100)} !`;

    const error = thrown(() => parsePluginSelection(input));

    expect(error.message).toContain(`  …${'a'.repeat(39)} !\n   ${' '.repeat(40)}^`);
  });

  describe('with a registry', () => {
    it('reports an unknown alias with suggestions and its position', () => {
      const error = thrown(() =>
        parsePluginSelection('bf16-mixed, deepspeed_zero_3_ofload(stage=2)', { registry: registry() }),
      );

      expect(error).toBeInstanceOf(UnknownPluginError);
      expect(error.message).toBe(
        [
          'No plugin "deepspeed_zero_3_ofload". Did you mean "deepspeed_zero_3_offload"? Available: bf16-mixed, deepspeed_zero_3_offload.',
          '(at position 12)',
          '  bf16-mixed, deepspeed_zero_3_ofload(stage=2)',
          '              ^',
        ].join('\n'),
      );
    });

    it('reports unknown option keys with a did-you-mean', () => {
      const error = thrown(() =>
        parsePluginSelection('deepspeed_zero_3_offload(stgae=2, offload=true)', { registry: registry() }),
      );

      expect(error).toBeInstanceOf(InvalidPluginOptionsError);
      expect(error.message).toBe(
        [
          'Invalid options for plugin "deepspeed_zero_3_offload":',
          '  - stgae: unknown option. Did you mean "stage"? Known options: stage, offloadOptimizer, offloadParameters.',
          '  - offload: unknown option. Did you mean "offloadOptimizer" or "offloadParameters"? Known options: stage, offloadOptimizer, offloadParameters.',
        ].join('\n'),
      );
    });
  });
});

describe(formatPluginSelection.name, () => {
  it('writes choices that parse back to the same choices', () => {
    const choices = [
      { alias: 'deepspeed', options: { stage: 2, tag: 'true', name: 'a b', ids: [1, 2], nested: { x: null } } },
      { alias: 'bf16-mixed' },
    ];

    const text = formatPluginSelection(choices);

    expect(text).toBe('deepspeed(stage=2, tag="true", name="a b", ids=[1,2], nested={"x":null}), bf16-mixed');
    expect(parsePluginSelection(text)).toEqual(choices);
  });
});
