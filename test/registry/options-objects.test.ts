import { describe, expect, it } from '@jest/globals';
import {
  PluginError,
  PluginRegistrationError,
  PluginRegistry,
  PluginResolver,
  PluginSelectionError,
  checkPluginSelection,
  createPluginContainer,
  parsePluginSelection,
  pluginsJsonSchema,
  readPluginsOption,
} from 'plugboard';
import { checkManifest, discover, discoverPackages, loadManifest } from 'plugboard/registry';
import { createTestContainer, overridePlugin, usePluginOverrides } from 'plugboard/testing';
import { thrown } from '../support/thrown.js';

class DdpStrategy {}

function registry() {
  const plugins = new PluginRegistry();
  plugins.register(DdpStrategy, { alias: 'ddp', kind: 'strategy' });
  plugins.register(DdpStrategy, { alias: 'fsdp', kind: 'strategy' });
  return plugins;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

// issue 22: a typo in any options object of the public API is refused with a did-you-mean, never ignored.
describe('unknown keys in public options objects (issue 22)', () => {
  it("refuses defineKind('strategy', { exclusve: true }) and leaves the kind as it was", () => {
    const plugins = registry();

    const error = thrown(() => {
      plugins.defineKind('strategy', { exclusve: true } as never);
    });

    expect(error).toEqual(
      new PluginRegistrationError(
        'defineKind(): unknown option "exclusve". Did you mean "exclusive"? Known options: exclusive, default, required.',
      ),
    );
    // Not made exclusive, nor defined at all: two strategies still go together.
    expect(checkPluginSelection(['ddp', 'fsdp'], plugins)).toHaveLength(2);
  });

  it('refuses defineKind(kind, null) with a typed error, leaving no stray state', () => {
    const plugins = registry();

    const error = thrown(() => {
      plugins.defineKind('strategy', null as never);
    });

    expect(error).toEqual(new PluginRegistrationError('defineKind() takes an options object, got null.'));
    expect(checkPluginSelection(['ddp', 'fsdp'], plugins)).toHaveLength(2);
    plugins.defineKind('strategy', { exclusive: true });
    expect(() => checkPluginSelection(['ddp', 'fsdp'], plugins)).toThrow(PluginError);
  });

  it('names every unknown key, each with its own did-you-mean', () => {
    const error = thrown(() => {
      registry().defineKind('strategy', { exclusve: true, requird: true, color: 'red' } as never);
    });

    expect(error.message).toBe(
      'defineKind(): unknown options "exclusve" (did you mean "exclusive"?), "requird" (did you mean "required"?) ' +
        'and "color". Known options: exclusive, default, required.',
    );
  });

  it.each<[string, () => unknown, string]>([
    [
      'createPluginContainer',
      () => createPluginContainer({ registry: registry(), setupTimeotMs: 50 } as never),
      'createPluginContainer(): unknown option "setupTimeotMs". Did you mean "setupTimeoutMs"?',
    ],
    [
      'new PluginRegistry',
      () => new PluginRegistry({ source: false } as never),
      'new PluginRegistry(options): unknown option "source". Did you mean "sources"?',
    ],
    [
      'registration',
      () => registry().register(DdpStrategy, { alias: 'x', allowUnknownOption: true } as never),
      'Plugin registration: unknown option "allowUnknownOption". Did you mean "allowUnknownOptions"?',
    ],
    [
      'availablePlugins',
      () => registry().availablePlugins({ withDescription: true } as never),
      'availablePlugins(): unknown option "withDescription". Did you mean "withDescriptions"?',
    ],
    ['list', () => registry().list({ knd: 'strategy' } as never), 'list(): unknown option "knd". Did you mean "kind"?'],
    [
      'recommend',
      () => registry().recommend({}, { kinds: 'strategy' } as never),
      'recommend(): unknown option "kinds". Did you mean "kind"?',
    ],
    [
      'deprecate',
      () => registry().deprecate('old', 'ddp', { mesage: 'gone' } as never),
      'deprecate(): unknown option "mesage". Did you mean "message"?',
    ],
    [
      'readPluginsOption',
      () => readPluginsOption({ argv: [], regsitry: registry() } as never),
      'readPluginsOption(): unknown option "regsitry". Did you mean "registry"?',
    ],
    [
      'parsePluginSelection',
      () => parsePluginSelection('ddp', { registy: registry() } as never),
      'parsePluginSelection(): unknown option "registy". Did you mean "registry"?',
    ],
    [
      'pluginsJsonSchema',
      () => pluginsJsonSchema(registry(), { drafts: '07' } as never),
      'pluginsJsonSchema(source, options): unknown option "drafts". Did you mean "draft"?',
    ],
    [
      'loadManifest',
      () => loadManifest('plugboard.manifest.json', { regsitry: registry() } as never),
      'loadManifest(file, options): unknown option "regsitry". Did you mean "registry"?',
    ],
    [
      'createTestContainer',
      () => createTestContainer({ registy: registry() } as never),
      'createTestContainer(): unknown option "registy". Did you mean "registry"?',
    ],
    [
      'overridePlugin',
      () => overridePlugin(registry(), 'ddp', new DdpStrategy(), { allownew: true } as never),
      'overridePlugin(): unknown option "allownew". Did you mean "allowNew"?',
    ],
    [
      'usePluginOverrides',
      () => {
        usePluginOverrides({}, { beforeEch: () => undefined } as never);
      },
      'usePluginOverrides(): unknown option "beforeEch". Did you mean "beforeEach"?',
    ],
  ])('refuses a mistyped key of %s with a did-you-mean', (_, call, message) => {
    const error = thrown(call);

    expect(PluginError.is(error)).toBe(true);
    expect(error.message).toContain(message);
  });

  it('refuses mistyped keys of discover, discoverPackages and checkManifest, doing nothing', async () => {
    const errors = await Promise.all([
      rejection(discover(['*.js'], { cwdd: '.' } as never)),
      rejection(discoverPackages({ registy: registry() } as never)),
      rejection(checkManifest('plugboard.manifest.json', { rot: '.' } as never)),
    ]);

    expect(errors.map((error) => (error as Error).message)).toEqual([
      'discover(patterns, options): unknown option "cwdd". Did you mean "cwd"? Known options: cwd, root, registry. Nothing was done.',
      'discoverPackages(options): unknown option "registy". Did you mean "registry"? Known options: cwd, registry, allowIncompatible, host. Nothing was done.',
      'checkManifest(file, options): unknown option "rot". Did you mean "root"? Known options: root. Nothing was done.',
    ]);
    expect(errors.every((error) => PluginError.is(error))).toBe(true);
  });

  it('refuses a key that is not a typo of any, listing the known ones', () => {
    const error = thrown(() => readPluginsOption({ argv: [], colour: 'red' } as never));

    expect(error).toEqual(
      new PluginSelectionError(
        'readPluginsOption(): unknown option "colour". Known options: argv, env, config, flag, envVar, configKey, registry.',
      ),
    );
  });

  it('still takes every documented key', () => {
    const plugins = registry();

    expect(() => {
      plugins.defineKind('strategy', { exclusive: true, default: 'ddp', required: true });
      createPluginContainer({ registry: plugins }).get(PluginResolver);
      plugins.availablePlugins({ kind: 'strategy', withDescriptions: true, withRecommendations: true });
      readPluginsOption({ argv: [], env: {}, config: {}, flag: 'p', envVar: 'P', configKey: 'p', registry: plugins });
    }).not.toThrow();
  });
});
