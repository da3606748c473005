import { describe, expect, it } from '@jest/globals';
import {
  PluginDisposedError,
  PluginRegistry,
  createPluginContainer,
  disposePluginContainer,
  pluginToken,
} from 'plugboard';
import { overridePlugin, withPluginOverrides } from 'plugboard/testing';

class Cache {
  constructor(readonly options: { size: number }) {}
}
class FakeCache {}

function setup() {
  const registry = new PluginRegistry();
  registry.register(Cache, { alias: 'cache', kind: 'store', params: { size: 1 }, scope: 'singleton' });
  const container = createPluginContainer({ registry });
  const get = () => container.get(pluginToken('store'), { name: 'cache' });
  return { registry, container, get };
}

// Issue 17: container.get of a singleton takes inversify's own singleton cache; an override switches it off.
describe(`${overridePlugin.name} on a singleton resolved with container.get (issue 17)`, () => {
  it('replaces the cached singleton while the override lasts, then returns the same instance as before', () => {
    const { container, get } = setup();
    const real = get();
    expect(get()).toBe(real);
    const fake = new FakeCache();
    const override = overridePlugin(container, 'cache', fake);
    expect(get()).toBe(fake);
    override.dispose();
    expect(get()).toBe(real);
  });

  it('follows an override made on the registry before the container was built or the singleton resolved', () => {
    const { registry, get } = setup();
    const fake = new FakeCache();
    using _ = overridePlugin(registry, 'cache', fake);
    expect(get()).toBe(fake);
    const late = createPluginContainer({ registry });
    expect(late.get(pluginToken('store'), { name: 'cache' })).toBe(fake);
  });

  it('keeps concurrent flows apart: the overriding flow sees its fake, another sees the real singleton', async () => {
    const { container, get } = setup();
    const real = get();
    const fake = new FakeCache();
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const overriding = withPluginOverrides(container, { cache: fake }, async () => {
      await gate;
      return get();
    });
    const other = (async () => {
      await Promise.resolve();
      const seen = get();
      release();
      return seen;
    })();
    expect(await other).toBe(real);
    expect(await overriding).toBe(fake);
    expect(get()).toBe(real);
  });

  it('builds the singleton once, whether it is first resolved inside or outside an override', () => {
    const { container, get } = setup();
    const inside = withPluginOverrides(container, { cache: FakeCache }, () => get());
    expect(inside).toBeInstanceOf(FakeCache);
    const real = get();
    expect(real).toBeInstanceOf(Cache);
    expect(get()).toBe(real);
  });
});

describe(`${disposePluginContainer.name} and container.get of a cached singleton (issue 17)`, () => {
  it('stops serving the cached singleton: container.get throws PluginDisposedError once the container is disposed', async () => {
    const { container, get } = setup();
    expect(get()).toBeInstanceOf(Cache);
    await disposePluginContainer(container);
    expect(get).toThrow(PluginDisposedError);
  });
});
