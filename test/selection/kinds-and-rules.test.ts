import { describe, expect, it } from '@jest/globals';
import {
  PluginConflictError,
  PluginConstraintError,
  PluginRegistrationError,
  PluginRegistry,
  PluginRequiredError,
  PluginResolver,
  UnknownPluginError,
  checkPluginSelection,
  createPluginContainer,
} from 'plugboard';
import { thrown } from '../support/thrown.js';

interface DeepSpeedOptions {
  stage: number;
  offload?: boolean;
}

/** A trainer's plugins with Lightning's rules, recording every constructor call. */
function trainerPlugins(): { built: string[]; registry: PluginRegistry } {
  const built: string[] = [];
  const registry = new PluginRegistry();
  const plugin = (name: string) =>
    class {
      constructor(readonly options: unknown) {
        built.push(name);
      }
    };
  registry.defineKind('strategy', { exclusive: true, default: 'single_device' });
  registry.defineKind('precision', { exclusive: true, default: '32-true' });
  registry.register(plugin('SingleDevice'), { alias: 'single_device', kind: 'strategy' });
  registry.register(plugin('Ddp'), { alias: 'ddp', kind: 'strategy' });
  registry.register(plugin('DeepSpeed'), {
    alias: 'deepspeed_zero_3_offload',
    kind: 'strategy',
    params: { stage: 3, offload: true },
    incompatibleWith: ['64-true'],
    check: ({ self, ofKind }) =>
      (self.options as DeepSpeedOptions).offload === true && ofKind('accelerator').some((p) => p.alias === 'mps')
        ? 'CPU offload needs a CUDA device'
        : undefined,
  });
  registry.register(plugin('Precision'), { alias: '32-true', kind: 'precision' });
  registry.register(plugin('Precision'), { alias: '64-true', kind: 'precision' });
  registry.register(plugin('Precision'), {
    alias: 'bf16-mixed',
    kind: 'precision',
    requires: { strategy: ['ddp', 'deepspeed_zero_3_offload'] },
  });
  registry.register(plugin('Mps'), { alias: 'mps', kind: 'accelerator' });
  return { built, registry };
}

function resolverOf(registry: PluginRegistry): PluginResolver {
  return createPluginContainer({ registry }).get(PluginResolver);
}

describe('defineKind', () => {
  it('fills in the default of every kind the selection leaves out (issue 14)', () => {
    const { registry } = trainerPlugins();

    const resolved = resolverOf(registry).resolveAll('ddp');

    expect(Object.keys(resolved).sort()).toEqual(['precision', 'strategy']);
    expect(checkPluginSelection('ddp', registry).map((p) => [p.alias, p.isDefault])).toEqual([
      ['ddp', false],
      ['32-true', true],
    ]);
  });

  it('throws PluginRequiredError naming a required kind without choice or default, and its aliases', () => {
    const registry = new PluginRegistry();
    registry.defineKind('accelerator', { required: true });
    registry.register(class Cuda {}, { alias: 'cuda', kind: 'accelerator' });
    registry.register(class Mps {}, { alias: 'mps', kind: 'accelerator' });

    const error = thrown<PluginRequiredError>(() => resolverOf(registry).resolveAll([]));

    expect(error).toBeInstanceOf(PluginRequiredError);
    expect(error.code).toBe('PLUGIN_REQUIRED');
    expect(error.aliases).toEqual(['cuda', 'mps']);
    expect(error.message).toBe(
      'The selection needs a plugin of kind "accelerator", and the kind has no default. Choose one of: cuda, mps.',
    );
    expect(Object.keys(resolverOf(registry).resolveAll('mps'))).toEqual(['accelerator']);
  });

  it('reports a default that is not registered as that kind', () => {
    const registry = new PluginRegistry();
    registry.defineKind('strategy', { default: 'sinlge_device' });
    registry.register(class Single {}, { alias: 'single_device', kind: 'strategy' });

    const error = thrown<UnknownPluginError>(() => checkPluginSelection([], registry));

    expect(error).toBeInstanceOf(UnknownPluginError);
    expect(error.message).toContain('It is the default of kind "strategy" (defineKind).');
  });

  it('refuses options of the wrong type', () => {
    const registry = new PluginRegistry();

    expect(() => {
      registry.defineKind('strategy', { required: 'yes' as unknown as boolean });
    }).toThrow(PluginRegistrationError);
  });

  it('still refuses two plugins of an exclusive kind', () => {
    const { registry } = trainerPlugins();

    expect(() => resolverOf(registry).resolveAll('ddp, single_device')).toThrow(PluginConflictError);
  });
});

describe(PluginConstraintError.name, () => {
  it('lists every violation, naming both plugins as typed, the rule, where it was registered and what satisfies it', () => {
    const { registry } = trainerPlugins();

    const error = thrown<PluginConstraintError>(() =>
      checkPluginSelection('DeepSpeed-Zero-3-Offload, 64-TRUE, mps', registry),
    );

    expect(error).toBeInstanceOf(PluginConstraintError);
    expect(error.code).toBe('PLUGIN_CONSTRAINT');
    expect(
      error.violations.map(({ plugin, other, rule, satisfiedBy }) => ({ plugin, other, rule, satisfiedBy })),
    ).toEqual([
      {
        plugin: 'DeepSpeed-Zero-3-Offload',
        other: '64-TRUE',
        rule: 'incompatibleWith',
        satisfiedBy: ['32-true', 'bf16-mixed'],
      },
      { plugin: 'DeepSpeed-Zero-3-Offload', other: undefined, rule: 'check', satisfiedBy: [] },
    ]);
    expect(error.violations[0]?.source).toMatch(/kinds-and-rules\.test\.ts:\d+/);
    expect(error.message.split('\n').map((line) => line.replace(/ \(registered at [^)]*\)/, ''))).toEqual([
      'The plugin selection breaks 2 rule(s):',
      '  - "DeepSpeed-Zero-3-Offload" cannot run with "64-TRUE" (incompatibleWith). Would satisfy it: 32-true, bf16-mixed.',
      '  - "DeepSpeed-Zero-3-Offload": CPU offload needs a CUDA device (check).',
    ]);
  });

  it('checks requirements by kind against the filled-in default', () => {
    const { registry } = trainerPlugins();

    const error = thrown<PluginConstraintError>(() => checkPluginSelection('bf16-mixed', registry));

    expect(error.violations).toHaveLength(1);
    expect(error.violations[0]).toMatchObject({
      plugin: 'bf16-mixed',
      other: 'single_device',
      rule: 'requires',
      satisfiedBy: ['ddp', 'deepspeed_zero_3_offload'],
    });
    expect(error.message).toContain(
      '"bf16-mixed" requires one of "ddp" or "deepspeed_zero_3_offload" of kind "strategy"; ' +
        'the selection has "single_device" (the default strategy) (requires)',
    );
    expect(() => checkPluginSelection('bf16-mixed, ddp', registry)).not.toThrow();
  });

  it('checks every rule before any constructor runs (issue 14)', () => {
    const { built, registry } = trainerPlugins();

    expect(() => resolverOf(registry).resolveAll('deepspeed_zero_3_offload, 64-true')).toThrow(PluginConstraintError);

    expect(built).toEqual([]);
  });

  it('sees the options of the selection in a predicate', () => {
    const { registry } = trainerPlugins();

    expect(() =>
      checkPluginSelection([{ alias: 'deepspeed_zero_3_offload', options: { offload: false } }, 'mps'], registry),
    ).not.toThrow();
  });

  it('requires every alias of an alias list, and refuses any plugin of an incompatible kind', () => {
    const registry = new PluginRegistry();
    registry.register(class Profiler {}, { alias: 'profiler', requires: ['logger', 'clock'] });
    registry.register(class Logger {}, { alias: 'logger' });
    registry.register(class Clock {}, { alias: 'clock' });
    registry.register(class Xla {}, { alias: 'xla', kind: 'accelerator', incompatibleWith: [{ kind: 'profiling' }] });
    registry.register(class Trace {}, { alias: 'trace', kind: 'profiling' });

    const error = thrown<PluginConstraintError>(() => checkPluginSelection('profiler, logger, xla, trace', registry));

    expect(error.violations.map((v) => v.reason)).toEqual([
      '"profiler" requires "clock", which is not selected (requires)',
      '"xla" cannot run with any plugin of kind "profiling", got "trace" (incompatibleWith)',
    ]);
  });

  it('reports a predicate that throws as a violation', () => {
    const registry = new PluginRegistry();
    registry.register(class Odd {}, {
      alias: 'odd',
      check: () => {
        throw new Error('boom');
      },
    });

    const error = thrown<PluginConstraintError>(() => checkPluginSelection('odd', registry));

    expect(error.violations[0]?.reason).toBe('"odd": its check threw: boom (check)');
  });

  it('refuses malformed rules at registration', () => {
    const registry = new PluginRegistry();

    expect(() => registry.register(class A {}, { alias: 'a', requires: 'ddp' as unknown as string[] })).toThrow(
      PluginRegistrationError,
    );
    expect(() =>
      registry.register(class B {}, { alias: 'b', incompatibleWith: [{ alias: 'x' } as unknown as string] }),
    ).toThrow(PluginRegistrationError);
    expect(() => registry.register(class C {}, { alias: 'c', check: 'no' as unknown as () => undefined })).toThrow(
      PluginRegistrationError,
    );
  });
});
