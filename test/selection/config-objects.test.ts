import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import {
  InvalidPluginOptionsError,
  PluginRegistry,
  PluginSelectionError,
  UnknownPluginError,
  readPluginsOption,
} from 'plugboard';
import { thrown } from '../support/thrown.js';

class DdpStrategy {
  constructor(readonly options: unknown) {}
}

function registry() {
  const plugins = new PluginRegistry();
  plugins.register(DdpStrategy, {
    alias: 'ddp',
    kind: 'strategy',
    params: { workers: 2 },
    schema: z.object({ workers: z.number().int().positive() }),
  });
  plugins.register(DdpStrategy, { alias: 'fsdp', kind: 'strategy' });
  return plugins;
}

/** What reading `item` as the config's only plugin throws, and the same item written as text. */
function both<TError extends Error>(item: { alias: string; options?: unknown }, text: string) {
  const plugins = registry();
  const read = (value: unknown) => () => readPluginsOption({ config: { plugins: [value] }, registry: plugins });
  return { object: thrown<TError>(read(item)), text: thrown<TError>(read(text)) };
}

// issue 22: config object items are checked like text, when read, naming the config.
describe('readPluginsOption with object items in a config (issue 22)', () => {
  it('reports an unknown alias while reading, with the same did-you-mean as text', () => {
    const { object, text } = both<UnknownPluginError>({ alias: 'dpp' }, 'dpp');

    expect(object).toBeInstanceOf(UnknownPluginError);
    expect(object.message).toMatch(/^In config plugins: No plugin "dpp"\. Did you mean "ddp"\?/);
    expect(object.suggestions).toEqual(text.suggestions);
  });

  it('reports an unknown option key as text does, word for word', () => {
    const { object, text } = both({ alias: 'ddp', options: { worker: 2 } }, 'ddp(worker=2)');

    expect(object.message).toBe(
      'In config plugins: Invalid options for plugin "ddp":\n' +
        '  - worker: unknown option. Did you mean "workers"? Known options: workers.',
    );
    expect(object.message).toBe(text.message);
  });

  it('reports a bad value as text does', () => {
    const { object, text } = both<InvalidPluginOptionsError>(
      { alias: 'ddp', options: { workers: -1 } },
      'ddp(workers=-1)',
    );

    expect(object).toBeInstanceOf(InvalidPluginOptionsError);
    expect(object.message).toBe(text.message);
    expect(object.issues).toEqual(text.issues);
  });

  it('refuses a __proto__ key in the options, as text does', () => {
    const item = JSON.parse('{ "alias": "ddp", "options": { "__proto__": { "isAdmin": true } } }') as never;
    const { object, text } = both<InvalidPluginOptionsError>(item, 'ddp(__proto__={"isAdmin":true})');

    expect(object).toBeInstanceOf(InvalidPluginOptionsError);
    expect(text).toBeInstanceOf(InvalidPluginOptionsError);
    expect(object.issues.map((issue) => issue.path)).toEqual([['__proto__']]);
    expect(object.message).toMatch(/^In config plugins: .*the key "__proto__" is not allowed in plugin options/s);
  });

  it('refuses options of a plugin that declares none, blaming that plugin while reading', () => {
    const { object, text } = both({ alias: 'fsdp', options: { x: 1 } }, 'fsdp(x=1)');

    expect(object.message).toMatch(/^In config plugins: Invalid options for plugin "fsdp":\n {2}- x: unknown option/);
    expect(object.message).toBe(text.message);
  });

  it('refuses a mistyped key of the item itself, with a did-you-mean', () => {
    const plugins = registry();

    const error = thrown(() =>
      readPluginsOption({ config: { plugins: [{ alias: 'ddp', option: { workers: 2 } }] }, registry: plugins }),
    );

    expect(error).toBeInstanceOf(PluginSelectionError);
    expect(error.message).toMatch(/\(unknown key "option", did you mean "options"\?\)/);
  });

  it('accepts a good object item as it accepts the same text', () => {
    const plugins = registry();
    const read = (value: unknown) => readPluginsOption({ config: { plugins: [value] }, registry: plugins }).choices;

    expect(read({ alias: 'ddp', options: { workers: 4 } })).toEqual(read('ddp(workers=4)'));
  });
});
