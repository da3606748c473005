import { describe, expect, it } from '@jest/globals';
import {
  PluginCreationError,
  PluginRegistrationError,
  PluginRegistry,
  PluginResolver,
  UnknownPluginError,
  createPluginContainer,
  pluginToken,
  pluginsRegistry,
} from 'plugboard';
import { overridePlugin, withPluginOverrides } from 'plugboard/testing';

class DdpStrategy {
  constructor(readonly options: { workers: number }) {}
}
class FakeStrategy {
  constructor(readonly options: unknown) {}
}

function setup() {
  const registry = new PluginRegistry();
  registry.register(DdpStrategy, { alias: 'ddp', kind: 'strategy', params: { workers: 2 } });
  registry.register(DdpStrategy, { alias: 'ddp_4', kind: 'strategy', params: { workers: 4 } });
  const container = createPluginContainer({ registry });
  return { registry, container, resolver: container.get(PluginResolver) };
}

describe(overridePlugin.name, () => {
  it('replaces one alias with a class built from the variant options, leaving the other variants alone', () => {
    const { container, resolver } = setup();

    using _ = overridePlugin(container, 'ddp', FakeStrategy);

    expect(resolver.resolve('ddp')).toEqual(new FakeStrategy({ workers: 2 }));
    expect(container.get(pluginToken('strategy'), { name: 'ddp' })).toBeInstanceOf(FakeStrategy);
    expect(resolver.resolve('ddp_4')).toEqual(new DdpStrategy({ workers: 4 }));
  });

  it('takes a ready instance, a factory, or an explicit provider', () => {
    const { container, resolver } = setup();
    const instance = new FakeStrategy('ready');
    const seen: unknown[] = [];

    {
      using _ = overridePlugin(container, 'ddp', instance);
      expect(resolver.resolve('ddp')).toBe(instance);
    }
    {
      using _ = overridePlugin(container, 'ddp', (options: unknown) => {
        seen.push(options);
        return instance;
      });
      expect(resolver.resolve('ddp', { workers: 8 })).toBe(instance);
    }
    const asValue = (): string => 'a function used as the instance';
    {
      using _ = overridePlugin(container, 'ddp', { useValue: asValue });
      expect(resolver.resolve('ddp')).toBe(asValue);
    }

    expect(seen).toEqual([{ workers: 8 }]);
  });

  it('restores exactly what was there when disposed, and disposing twice is harmless', () => {
    const { container, resolver } = setup();
    const outer = overridePlugin(container, 'ddp', new FakeStrategy('outer'));
    const inner = overridePlugin(container, 'ddp', new FakeStrategy('inner'));

    expect(resolver.resolve('ddp')).toEqual(new FakeStrategy('inner'));
    inner.dispose();
    inner.dispose();
    expect(resolver.resolve('ddp')).toEqual(new FakeStrategy('outer'));
    outer.dispose();
    expect(resolver.resolve('ddp')).toEqual(new DdpStrategy({ workers: 2 }));
  });

  it('overrides for a container do not touch other containers; for a registry they reach all of them', () => {
    const { registry, container, resolver } = setup();
    const other = createPluginContainer({ registry }).get(PluginResolver);

    {
      using _ = overridePlugin(container, 'ddp', FakeStrategy);
      expect(other.resolve('ddp')).toBeInstanceOf(DdpStrategy);
    }
    using _ = overridePlugin(registry, 'ddp', FakeStrategy);
    expect(other.resolve('ddp')).toBeInstanceOf(FakeStrategy);
    expect(resolver.resolve('ddp')).toBeInstanceOf(FakeStrategy);
  });

  it('a service resolved before the override keeps what it had', () => {
    const { container, resolver } = setup();
    const before = resolver.resolve('ddp');

    using _ = overridePlugin(container, 'ddp', FakeStrategy);

    expect(before).toBeInstanceOf(DdpStrategy);
    expect(resolver.resolve('ddp')).toBeInstanceOf(FakeStrategy);
  });

  it('refuses an unknown alias with suggestions, unless asked to add it', () => {
    const { container, registry, resolver } = setup();

    expect(() => overridePlugin(container, 'dpp', FakeStrategy)).toThrow(UnknownPluginError);
    expect(() => overridePlugin(container, 'dpp', FakeStrategy)).toThrow('Did you mean "ddp"?');

    const added = overridePlugin(container, 'fsdp', FakeStrategy, { allowNew: true, kind: 'strategy' });
    expect(resolver.resolve('fsdp')).toBeInstanceOf(FakeStrategy);
    expect(container.get(pluginToken('strategy'), { name: 'fsdp' })).toBeInstanceOf(FakeStrategy);
    added.dispose();
    expect(registry.has('fsdp')).toBe(false);
  });

  it('refuses a replacement that is not a class, function or object, and a target that has no plugins', () => {
    const { container } = setup();

    expect(() => overridePlugin(container, 'ddp', 42 as never)).toThrow(
      'Cannot override plugin "ddp" with number 42: pass a class, a factory function, an instance, or { useClass | useFactory | useValue }.',
    );
    expect(() => overridePlugin({}, 'ddp', FakeStrategy)).toThrow(PluginRegistrationError);
  });

  it('reports a replacement factory that throws as PluginCreationError', () => {
    const { container, resolver } = setup();
    using _ = overridePlugin(container, 'ddp', function failingFake() {
      throw new Error('fake failed');
    });

    expect(() => resolver.resolve('ddp')).toThrow(PluginCreationError);
    expect(() => resolver.resolve('ddp')).toThrow('Could not create plugin "ddp" -> failingFake. Cause: fake failed');
  });
});

describe(withPluginOverrides.name, () => {
  it('replaces plugins while fn runs and restores them after, also when it throws', () => {
    const { container, resolver } = setup();

    const inside = withPluginOverrides(container, { ddp: FakeStrategy, ddp_4: FakeStrategy }, () => [
      resolver.resolve('ddp'),
      resolver.resolve('ddp_4'),
    ]);
    expect(() =>
      withPluginOverrides(container, { ddp: FakeStrategy }, () => {
        throw new Error('test failed');
      }),
    ).toThrow('test failed');

    expect(inside).toEqual([new FakeStrategy({ workers: 2 }), new FakeStrategy({ workers: 4 })]);
    expect(resolver.resolve('ddp')).toBeInstanceOf(DdpStrategy);
  });

  it('applies nothing when one alias is unknown', () => {
    const { container, resolver } = setup();
    let ran = false;

    expect(() => {
      withPluginOverrides(container, { ddp: FakeStrategy, nope: FakeStrategy }, () => {
        ran = true;
      });
    }).toThrow(UnknownPluginError);

    expect(ran).toBe(false);
    expect(resolver.resolve('ddp')).toBeInstanceOf(DdpStrategy);
  });

  it('unwinds nested overrides in order', () => {
    const { container, resolver } = setup();

    const seen = withPluginOverrides(container, { ddp: new FakeStrategy('outer') }, () => {
      const inner = withPluginOverrides(container, { ddp: new FakeStrategy('inner') }, () => resolver.resolve('ddp'));
      return [inner, resolver.resolve('ddp')];
    });

    expect(seen).toEqual([new FakeStrategy('inner'), new FakeStrategy('outer')]);
    expect(resolver.resolve('ddp')).toBeInstanceOf(DdpStrategy);
  });

  it('keeps two overlapping async flows apart: each sees only its own override', async () => {
    const { container, resolver } = setup();
    const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

    const flow = (name: string) =>
      withPluginOverrides(container, { ddp: new FakeStrategy(name) }, async () => {
        const seen: unknown[] = [];
        for (let step = 0; step < 5; step += 1) {
          await tick();
          seen.push((resolver.resolve('ddp') as FakeStrategy).options);
        }
        return seen;
      });
    const [a, b] = await Promise.all([flow('a'), flow('b')]);

    expect(a).toEqual(['a', 'a', 'a', 'a', 'a']);
    expect(b).toEqual(['b', 'b', 'b', 'b', 'b']);
    expect(resolver.resolve('ddp')).toBeInstanceOf(DdpStrategy);
  });

  it('targets the default registry when no target is given', () => {
    using _ = pluginsRegistry.register(DdpStrategy, { alias: 'testing_default_ddp', params: { workers: 1 } });
    const resolver = createPluginContainer().get(PluginResolver);

    const inside = withPluginOverrides({ testing_default_ddp: FakeStrategy }, () =>
      resolver.resolve('testing_default_ddp'),
    );

    expect(inside).toEqual(new FakeStrategy({ workers: 1 }));
  });
});
