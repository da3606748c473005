import { describe, expect, it } from '@jest/globals';
import {
  InvalidPluginOptionsError,
  PluginRegistry,
  PluginResolver,
  PluginSelectionError,
  createPluginContainer,
  createPluginLock,
  explainPluginSelection,
  readPluginsOption,
} from 'plugboard';
import { z } from 'zod';
import { thrown } from '../support/thrown.js';

// Issue 25 (explain): where every plugin of a selection and every option value came from.

/** A trainer's registry: variants with params, a schema with a default, a kind default, a deprecated alias, a secret. */
function trainerRegistry(): PluginRegistry {
  const registry = new PluginRegistry();
  class Strategy {}
  class Precision {}
  class Logger {}
  registry.defineKind('strategy', { exclusive: true });
  registry.defineKind('precision', { exclusive: true, default: '32-true' });
  registry.register(Strategy, {
    alias: 'ddp',
    kind: 'strategy',
    params: { workers: 2, backend: 'gloo' },
    schema: z.object({ workers: z.number(), backend: z.string(), timeout: z.number().default(30) }),
  });
  registry.register(Strategy, { alias: 'deepspeed_zero_3', kind: 'strategy', params: { stage: 3 } });
  registry.deprecate('deepspeed_stage_3', 'deepspeed_zero_3');
  registry.register(Precision, { alias: '32-true', kind: 'precision', params: { bits: 32 } });
  registry.register(Precision, { alias: 'bf16-mixed', kind: 'precision' });
  registry.register(Logger, {
    alias: 'wandb',
    kind: 'logger',
    params: { project: 'demo' },
    secretOptions: ['token'],
    order: 'first',
  });
  return registry;
}

function explain(sources: Parameters<typeof readPluginsOption>[0], registry = trainerRegistry()) {
  return explainPluginSelection(readPluginsOption({ ...sources, registry }), { registry });
}

describe(explainPluginSelection.name, () => {
  it('names the source of text on the command line, option by option: params, the text, the schema default', () => {
    const explanation = explain({ argv: ['--plugins', 'DDP(workers=8)'] });
    const [ddp] = explanation.plugins;

    expect(explanation.source).toBe('--plugins');
    expect(ddp).toMatchObject({
      typed: 'DDP',
      alias: 'ddp',
      kind: 'strategy',
      isDefault: false,
      chosenBy: '--plugins',
      deprecatedAlias: undefined,
      className: 'Strategy',
      position: 0,
      registeredAt: { type: 'module', module: 'test/lock/explain-plugin-selection.test.ts' },
    });
    expect(ddp?.registeredAt).toMatchObject({ line: expect.any(Number) as unknown });
    expect(ddp?.options).toEqual([
      { key: 'backend', value: 'gloo', secret: false, origin: { from: 'params', alias: 'ddp' } },
      { key: 'timeout', value: 30, secret: false, origin: { from: 'schema' } },
      { key: 'workers', value: 8, secret: false, origin: { from: 'selection', source: '--plugins', form: 'text' } },
    ]);
  });

  it('names the environment variable, and fills in a kind default whose options come from its params', () => {
    const { plugins } = explain({ env: { PLUGINS: 'ddp' } });

    expect(plugins.map((plugin) => [plugin.alias, plugin.chosenBy, plugin.isDefault])).toEqual([
      ['ddp', 'PLUGINS', false],
      ['32-true', 'kind default', true],
    ]);
    expect(plugins[1]?.options).toEqual([
      { key: 'bits', value: 32, secret: false, origin: { from: 'params', alias: '32-true' } },
    ]);
  });

  it('tells a config text from a config object item', () => {
    const config = { plugins: ['bf16-mixed', { alias: 'ddp', options: { workers: 4 } }] };
    const { plugins } = explain({ config });

    expect(plugins.map((plugin) => plugin.chosenBy)).toEqual(['config plugins', 'config plugins']);
    expect(plugins.find((plugin) => plugin.alias === 'ddp')?.options.find((o) => o.key === 'workers')).toEqual({
      key: 'workers',
      value: 4,
      secret: false,
      origin: { from: 'selection', source: 'config plugins', form: 'object' },
    });
  });

  it("names the deprecated alias the selection typed, and its successor's params as a deprecation redirect", () => {
    const quiet = process.noDeprecation === true;
    process.noDeprecation = true;
    try {
      const [plugin] = explain({ argv: ['--plugins', 'deepspeed_stage_3'] }).plugins;

      expect(plugin).toMatchObject({
        typed: 'deepspeed_stage_3',
        alias: 'deepspeed_zero_3',
        deprecatedAlias: 'deepspeed_stage_3',
      });
      expect(plugin?.options).toEqual([
        {
          key: 'stage',
          value: 3,
          secret: false,
          origin: { from: 'deprecation', alias: 'deepspeed_zero_3', deprecatedAlias: 'deepspeed_stage_3' },
        },
      ]);
    } finally {
      process.noDeprecation = quiet;
    }
  });

  it('shows a secret option only as a fingerprint, never its value', () => {
    const read = readPluginsOption({
      config: { plugins: [{ alias: 'wandb', options: { token: 'hunter2-secret' } }] },
      registry: trainerRegistry(),
    });
    const explanation = explainPluginSelection(read, { registry: trainerRegistry() });
    const token = explanation.plugins[0]?.options.find((option) => option.key === 'token');

    expect(token).toMatchObject({ secret: true, value: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) as unknown });
    expect(JSON.stringify(explanation)).not.toContain('hunter2');
  });

  it('gives the order position, builds nothing, and refuses what is not a readPluginsOption result', () => {
    const registry = trainerRegistry();
    let built = 0;
    registry.register(
      class {
        constructor() {
          built += 1;
        }
      },
      { alias: 'csv', kind: 'logger' },
    );
    const { plugins } = explain({ argv: ['--plugins', 'csv, wandb'] }, registry);

    expect(plugins.map((plugin) => [plugin.alias, plugin.position])).toEqual([
      ['wandb', 0],
      ['csv', 1],
      ['32-true', 2],
    ]);
    expect(built).toBe(0);
    expect(thrown(() => explainPluginSelection('ddp' as never, { registry }))).toBeInstanceOf(PluginSelectionError);
    expect(
      thrown(() => explainPluginSelection({ choices: [], source: 'code' }, { registy: registry } as never)).message,
    ).toBe(
      'explainPluginSelection(): unknown option "registy". Did you mean "registry"? Known options: registry, root.',
    );
  });
});

describe('secretOptions', () => {
  it('must be an array of option keys', () => {
    const error = thrown(() =>
      new PluginRegistry().register(class {}, { alias: 'x', secretOptions: 'token' as never }),
    );

    expect(error.message).toBe('Plugin "x": secretOptions must be an array of option keys (strings), got "token".');
  });

  it('is on the entry, frozen', () => {
    const { entry } = new PluginRegistry().register(class {}, { alias: 'x', secretOptions: ['token'] });

    expect(entry.secretOptions).toEqual(['token']);
    expect(Object.isFrozen(entry.secretOptions)).toBe(true);
  });
});

describe('explainPluginSelection and createPluginLock under attack', () => {
  it('turn throwing getters and Proxy traps in what they are given into PluginErrors', () => {
    const registry = trainerRegistry();
    const options = {
      get workers(): number {
        throw new Error('getter boom');
      },
    };
    const read = new Proxy(
      { choices: [], source: 'x' },
      {
        get() {
          throw new Error('trap boom');
        },
      },
    );

    const fromGetter = thrown(() =>
      explainPluginSelection({ choices: [{ alias: 'ddp', options }], source: 'code' }, { registry }),
    );
    const fromTrap = thrown(() => createPluginLock(read, { registry }));

    expect(fromGetter).toBeInstanceOf(InvalidPluginOptionsError);
    expect(fromGetter.message).toContain('reading the value threw: getter boom');
    // The same refusal as resolving gives.
    const resolver = createPluginContainer({ registry }).get(PluginResolver);
    expect(thrown(() => resolver.resolveAll([{ alias: 'ddp', options }])).message).toBe(fromGetter.message);
    expect(fromTrap).toBeInstanceOf(PluginSelectionError);
    expect(fromTrap.message).toBe('createPluginLock(): reading the selection threw: trap boom.');
  });
});
