import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { container as rootContainer, inject, injectable } from 'tsyringe';
import {
  PLUGIN_OPTIONS,
  PluginCreationError,
  PluginRegistry,
  PluginResolver,
  RegisterPlugin,
  UnknownPluginError,
} from 'plugboard';
import { overridePlugin, withPluginOverrides } from 'plugboard/testing';
import { pluginAliasToken, pluginKindToken, registerPlugins, type PluginKindLookup } from 'plugboard/tsyringe';

class Logger {
  readonly lines: string[] = [];
}

function setup() {
  const registry = new PluginRegistry();

  @RegisterPlugin({ alias: 'deepspeed', kind: 'strategy', registry, params: { stage: 2 } })
  @RegisterPlugin({ alias: 'deepspeed_zero_3', kind: 'strategy', registry, params: { stage: 3 } })
  class DeepSpeedStrategy {
    constructor(readonly options: { stage: number }) {}
  }

  @RegisterPlugin({ alias: 'ddp', kind: 'strategy', registry, params: { workers: 2 } })
  @injectable()
  class DdpStrategy {
    constructor(
      @inject(PLUGIN_OPTIONS) readonly options: { workers: number },
      @inject(Logger) readonly logger: Logger,
    ) {}
  }

  const container = rootContainer.createChildContainer();
  container.registerSingleton(Logger);
  const subscription = registerPlugins(container, registry);
  return { registry, container, subscription, DeepSpeedStrategy, DdpStrategy };
}

describe(registerPlugins.name, () => {
  it('resolves every alias by its token, with the variant options', () => {
    const { container, DeepSpeedStrategy } = setup();

    expect(container.resolve(pluginAliasToken('deepspeed_zero_3'))).toEqual(new DeepSpeedStrategy({ stage: 3 }));
    expect(container.resolve(pluginAliasToken('DeepSpeed-Zero-3'))).toEqual(new DeepSpeedStrategy({ stage: 3 }));
  });

  it('gives a per-kind look-up and the PluginResolver', () => {
    const { container, DeepSpeedStrategy } = setup();

    const strategies = container.resolve<PluginKindLookup>(pluginKindToken('strategy'));
    const resolver = container.resolve(PluginResolver);

    expect(strategies('deepspeed', { stage: 1 })).toEqual(new DeepSpeedStrategy({ stage: 1 }));
    expect(resolver.resolveAll(['deepspeed'])).toEqual({ strategy: [new DeepSpeedStrategy({ stage: 2 })] });
  });

  it('injects the options and other services into an @injectable plugin', () => {
    const { container, DdpStrategy } = setup();

    const ddp = container.resolve(PluginResolver).resolve('ddp', { workers: 4 }) as InstanceType<typeof DdpStrategy>;

    expect(ddp).toBeInstanceOf(DdpStrategy);
    expect(ddp.options).toEqual({ workers: 4 });
    expect(ddp.logger).toBe(container.resolve(Logger));
  });

  it('sees registrations made later, and their removal', () => {
    const { registry, container } = setup();
    class Late {}

    const handle = registry.register(Late, { alias: 'late', kind: 'precision' });
    expect(container.resolve(pluginAliasToken('late'))).toBeInstanceOf(Late);
    handle.dispose();

    expect(() => container.resolve(pluginAliasToken('late'))).toThrow(UnknownPluginError);
  });

  it('raises the same errors as the inversify side', () => {
    const { registry, container } = setup();
    class Broken {
      constructor() {
        throw new Error('no GPU');
      }
    }
    registry.register(Broken, { alias: 'broken' });

    expect(() => container.resolve(pluginAliasToken('broken'))).toThrow(PluginCreationError);
    expect(() => container.resolve(PluginResolver).resolve('deepsped')).toThrow('Did you mean "deepspeed"?');
  });

  it('supports test overrides through overridePlugin and withPluginOverrides', () => {
    const { container } = setup();
    class Fake {}

    {
      using _ = overridePlugin(container, 'deepspeed', Fake);
      expect(container.resolve(pluginAliasToken('deepspeed'))).toBeInstanceOf(Fake);
    }
    const inside = withPluginOverrides(container, { deepspeed: Fake }, () =>
      container.resolve(PluginResolver).resolve('deepspeed'),
    );

    expect(inside).toBeInstanceOf(Fake);
    expect(container.resolve(pluginAliasToken('deepspeed'))).not.toBeInstanceOf(Fake);
  });

  it('supports overrides through a child container', () => {
    const { container } = setup();
    const fake = { fake: true };
    const child = container.createChildContainer();

    child.register(pluginAliasToken('deepspeed'), { useValue: fake });

    expect(child.resolve(pluginAliasToken('deepspeed'))).toBe(fake);
    expect(container.resolve(pluginAliasToken('deepspeed'))).not.toBe(fake);
  });

  it('stops following the registry once disposed', () => {
    const { registry, container, subscription } = setup();

    subscription.dispose();
    registry.register(class Later {}, { alias: 'later' });

    expect(container.isRegistered(pluginAliasToken('later'))).toBe(false);
  });
});
