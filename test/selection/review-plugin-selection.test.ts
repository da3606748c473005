import { describe, expect, it } from '@jest/globals';
import {
  InvalidPluginOptionsError,
  PluginConflictError,
  PluginConstraintError,
  PluginRegistry,
  PluginRequiredError,
  PluginSelectionError,
  UnknownPluginError,
  checkPluginSelection,
  createPluginContainer,
  PluginResolver,
  reviewPluginSelection,
} from 'plugboard';
import { thrown } from '../support/thrown.js';

class Plugin {
  constructor(readonly options: unknown) {}
}

/** Lightning's trainer plugins, with an accelerator that must be chosen. */
function trainerRegistry(): PluginRegistry {
  const registry = new PluginRegistry();
  registry.defineKind('strategy', { exclusive: true, default: 'single_device' });
  registry.defineKind('precision', { exclusive: true, default: '32-true' });
  registry.defineKind('accelerator', { required: true });
  registry.register(Plugin, { alias: 'single_device', kind: 'strategy' });
  registry.register(Plugin, { alias: 'ddp', kind: 'strategy', optionKeys: ['workers'] });
  registry.register(Plugin, { alias: 'deepspeed_zero_3_offload', kind: 'strategy', incompatibleWith: ['64-true'] });
  registry.register(Plugin, { alias: '32-true', kind: 'precision' });
  registry.register(Plugin, { alias: '64-true', kind: 'precision' });
  registry.register(Plugin, { alias: 'cuda', kind: 'accelerator' });
  return registry;
}

const codes = (errors: readonly { code: string }[]): string[] => errors.map((error) => error.code);

describe(reviewPluginSelection.name, () => {
  it('reports a missing required kind and a broken rule in one run, where checkPluginSelection stops at the first (issue 22)', () => {
    const registry = trainerRegistry();

    const { problems } = reviewPluginSelection('deepspeed_zero_3_offload, 64-true', registry);

    expect(thrown(() => checkPluginSelection('deepspeed_zero_3_offload, 64-true', registry))).toBeInstanceOf(
      PluginRequiredError,
    );
    expect(codes(problems)).toEqual(['PLUGIN_REQUIRED', 'PLUGIN_CONSTRAINT']);
    expect(problems[0]).toBeInstanceOf(PluginRequiredError);
    expect(problems[1]).toBeInstanceOf(PluginConstraintError);
    expect((problems[1] as PluginConstraintError).violations.map((v) => v.reason)).toEqual([
      '"deepspeed_zero_3_offload" cannot run with "64-true" (incompatibleWith)',
    ]);
  });

  it('reports an exclusive conflict without hiding the rules (issue 22)', () => {
    const { problems } = reviewPluginSelection('ddp, deepspeed_zero_3_offload, 64-true, cuda', trainerRegistry());

    expect(codes(problems)).toEqual(['PLUGIN_CONFLICT', 'PLUGIN_CONSTRAINT']);
    expect(problems[0]).toBeInstanceOf(PluginConflictError);
    expect(problems[0]?.message).toBe(
      'Only one plugin of kind "strategy" can be selected, got "ddp" and "deepspeed_zero_3_offload". Remove all but one from the selection.',
    );
  });

  it('reports every unknown alias and bad option in text and in objects, and checks the rest', () => {
    const { problems, plugins } = reviewPluginSelection(
      ['dpp, deepspeed_zero_3_offload', { alias: 'cuad' }, 'ddp(wrokers=2), 64-true'],
      trainerRegistry(),
    );

    expect(problems.map((problem) => problem.constructor)).toEqual([
      UnknownPluginError, // dpp
      InvalidPluginOptionsError, // wrokers: text is read before object items are looked up
      UnknownPluginError, // cuad
      PluginRequiredError,
      PluginConstraintError,
    ]);
    expect(plugins.map((plugin) => plugin.alias)).toEqual(['deepspeed_zero_3_offload', '64-true']);
  });

  it('reports text that cannot be read as one problem', () => {
    const { problems } = reviewPluginSelection(['ddp(', 'cuda'], trainerRegistry());

    expect(problems).toHaveLength(1);
    expect(problems[0]).toBeInstanceOf(PluginSelectionError);
    expect(problems[0]?.message).toMatch(/^Invalid plugin selection at position 4: expected an option name/);
  });

  it('returns the plugins with defaults filled in and no problem for a selection that holds', () => {
    const registry = trainerRegistry();

    const review = reviewPluginSelection('ddp(workers=4), cuda', registry);

    expect(review.problems).toEqual([]);
    expect(review.plugins).toEqual(checkPluginSelection('ddp(workers=4), cuda', registry));
    expect(review.plugins.map((plugin) => [plugin.alias, plugin.isDefault])).toEqual([
      ['ddp', false],
      ['cuda', false],
      ['32-true', true],
    ]);
  });

  it('leaves checkPluginSelection and resolveAll throwing the first problem, as before', () => {
    const registry = trainerRegistry();
    const resolver = createPluginContainer({ registry }).get(PluginResolver);

    expect(thrown(() => resolver.resolveAll('ddp, deepspeed_zero_3_offload, 64-true, cuda'))).toBeInstanceOf(
      PluginConflictError,
    );
  });

  it('tells a caller who passes { registry } to pass the registry itself', () => {
    const registry = trainerRegistry();
    const hostile = new Proxy(
      {},
      {
        getOwnPropertyDescriptor: () => {
          throw new Error('trap');
        },
      },
    );

    expect(thrown(() => reviewPluginSelection('cuda', { registry } as never)).message).toBe(
      'Expected a PluginRegistry, got an object with a registry key: pass the PluginRegistry itself, not { registry }.',
    );
    expect(thrown(() => checkPluginSelection('cuda', { registry } as never)).message).toBe(
      'Expected a PluginRegistry, got an object with a registry key: pass the PluginRegistry itself, not { registry }.',
    );
    expect(thrown(() => reviewPluginSelection('cuda', hostile as never)).message).toBe(
      'Expected a PluginRegistry, got an object.',
    );
  });
});
