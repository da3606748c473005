import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { inject, injectable } from 'inversify';
import { PLUGIN_OPTIONS, PluginRegistry, PluginResolver, createPluginContainer, createRegisterPlugin } from 'plugboard';
import { callerLine } from '../support/caller-line.js';

// Issue 27 item 2, under experimentalDecorators.
describe(`${createRegisterPlugin.name} (experimentalDecorators)`, () => {
  it('registers stacked variants and the shorthand into its registry, where the decorator is written', () => {
    const registry = new PluginRegistry();
    const RegisterAppPlugin = createRegisterPlugin(registry);

    const line = callerLine() + 1;
    @RegisterAppPlugin({ alias: 'ddp', kind: 'strategy', params: { workers: 2 } })
    @RegisterAppPlugin('ddp_default')
    @injectable()
    class DdpStrategy {
      constructor(@inject(PLUGIN_OPTIONS) readonly options: unknown) {}
    }

    expect(registry.availablePlugins()).toEqual(['ddp', 'ddp_default']);
    expect(registry.get('ddp').source).toBe(`test/decorators/create-register-plugin.legacy.test.ts:${String(line)}`);
    expect(createPluginContainer({ registry }).get(PluginResolver).resolve('ddp')).toEqual(
      new DdpStrategy({ workers: 2 }),
    );
  });
});
