import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { container as rootContainer } from 'tsyringe';
import { PluginRegistry, PluginResolver } from 'plugboard';
import { pluginAliasToken, pluginKindToken, registerPlugins, type PluginKindLookup } from 'plugboard/tsyringe';

class DdpStrategy {
  constructor(readonly options: unknown) {}
}

function setup() {
  const registry = new PluginRegistry();
  registry.register(DdpStrategy, { alias: 'ddp', kind: 'strategy', params: { workers: 2 } });
  const parent = rootContainer.createChildContainer();
  registerPlugins(parent, registry);
  return { registry, parent };
}

describe(registerPlugins.name, () => {
  it("lets a child container's registration of an alias win for its resolver and kind look-up (issue 12)", async () => {
    const { parent } = setup();
    const child = parent.createChildContainer();
    const fake = { fake: true };
    child.register(pluginAliasToken('ddp'), { useValue: fake });

    expect(child.resolve(PluginResolver).resolve('ddp')).toBe(fake);
    expect(child.resolve(PluginResolver).resolveAll(['ddp'])).toEqual({ strategy: [fake] });
    expect(await child.resolve(PluginResolver).resolveAsync('ddp')).toBe(fake);
    expect(child.resolve<PluginKindLookup>(pluginKindToken('strategy'))('ddp')).toBe(fake);
    expect(child.resolve(pluginAliasToken('ddp'))).toBe(fake);
    // A grandchild sees its parent's fake; the parent still builds the real plugin.
    expect(child.createChildContainer().resolve(PluginResolver).resolve('ddp')).toBe(fake);
    expect(parent.resolve(PluginResolver).resolve('ddp')).toBeInstanceOf(DdpStrategy);
    expect(parent.resolve<PluginKindLookup>(pluginKindToken('strategy'))('ddp')).toBeInstanceOf(DdpStrategy);
  });

  it('builds the real plugin, with per-call options, from a child that registers nothing of its own (issue 12)', () => {
    const { parent } = setup();
    const child = parent.createChildContainer();
    const built = child.resolve(PluginResolver).resolve('ddp', { workers: 8 }) as DdpStrategy;
    expect(built).toBeInstanceOf(DdpStrategy);
    expect(built.options).toEqual({ workers: 8 });
    expect(child.resolve(pluginAliasToken('ddp'))).toBeInstanceOf(DdpStrategy);
  });

  it("gives a service that injects the resolver in a child the child's fake (issue 12)", () => {
    const { parent } = setup();
    class Trainer {
      constructor(readonly resolver: PluginResolver) {}
    }
    parent.register(Trainer, { useFactory: (from) => new Trainer(from.resolve(PluginResolver)) });
    const child = parent.createChildContainer();
    const fake = { fake: true };
    child.register(pluginAliasToken('ddp'), { useValue: fake });
    expect(child.resolve(Trainer).resolver.resolve('ddp')).toBe(fake);
    expect(parent.resolve(Trainer).resolver.resolve('ddp')).toBeInstanceOf(DdpStrategy);
  });

  it("turns a child registration's failure into a PluginCreationError naming the alias (issue 12)", () => {
    const { parent } = setup();
    const child = parent.createChildContainer();
    child.register(pluginAliasToken('ddp'), {
      useFactory: () => {
        throw new Error('fake broke');
      },
    });
    expect(() => child.resolve(PluginResolver).resolve('ddp')).toThrow(
      expect.objectContaining({ code: 'PLUGIN_CREATION_FAILED' }),
    );
  });
});
