import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import {
  InvalidPluginOptionsError,
  PluginCreationError,
  PluginDisposedError,
  PluginRegistry,
  PluginResolver,
  UnknownPluginError,
  createPluginContainer,
  disposePluginContainer,
  pluginSetup,
  pluginToken,
  type PluginContainer,
} from 'plugboard';
import { overridePlugin, withPluginOverrides } from 'plugboard/testing';
import { thrown } from '../support/thrown.js';

/**
 * Issue 17 review: the short resolve path (a plain transient, or a singleton already built, outside any other
 * build) must behave as the general path did. Each case is asked through the resolver and through the container.
 */
function viaBoth(container: PluginContainer, kind: string, alias: string): (() => unknown)[] {
  return [() => container.get(PluginResolver).resolve(alias), () => container.get(pluginToken(kind), { name: alias })];
}

describe(PluginResolver.prototype.resolve.name, () => {
  // Whether a class declares `[pluginSetup]` is asked at its first resolve and remembered, as its `@inject`
  // metadata always was (docs/lifecycle.md): a prototype patched later is not seen by synchronous resolves.
  it('remembers whether a class declares [pluginSetup] from its first resolve (issue 17)', () => {
    const registry = new PluginRegistry();
    class Late {}
    registry.register(Late, { alias: 'late', kind: 'strategy' });
    const container = createPluginContainer({ registry });
    container.get(PluginResolver).resolve('late');
    Object.defineProperty(Late.prototype, pluginSetup, { value: async (): Promise<void> => {} });

    for (const resolve of viaBoth(container, 'strategy', 'late')) expect(resolve()).toBeInstanceOf(Late);
  });

  it('refuses every resolve after a plain constructor disposed its container, and disposes its singletons (issue 17)', async () => {
    const registry = new PluginRegistry();
    const events: string[] = [];
    const held: { container?: PluginContainer } = {};
    class Shared {
      [Symbol.dispose](): void {
        events.push('dispose shared');
      }
    }
    class Closer {
      constructor() {
        if (held.container) void disposePluginContainer(held.container);
      }
    }
    registry.register(Shared, { alias: 'shared', kind: 'service', scope: 'singleton' });
    registry.register(Closer, { alias: 'closer', kind: 'service' });
    const container = createPluginContainer({ registry });
    held.container = container;
    container.get(PluginResolver).resolve('shared');

    expect(container.get(PluginResolver).resolve('closer')).toBeInstanceOf(Closer);
    await disposePluginContainer(container);

    for (const resolve of viaBoth(container, 'service', 'shared')) {
      expect(thrown(resolve)).toBeInstanceOf(PluginDisposedError);
    }
    expect(events).toEqual(['dispose shared']);
  });

  it('serves a singleton set up asynchronously to later synchronous resolves, the same instance (issue 17)', async () => {
    const registry = new PluginRegistry();
    class Warm {
      ready = false;
      async [pluginSetup](): Promise<void> {
        await Promise.resolve();
        this.ready = true;
      }
    }
    registry.register(Warm, { alias: 'warm', kind: 'service', scope: 'singleton' });
    const container = createPluginContainer({ registry });
    const before = viaBoth(container, 'service', 'warm').map((resolve) => thrown(resolve));

    const warm = (await container.get(PluginResolver).resolveAsync('warm')) as Warm;

    for (const error of before) expect(error).toBeInstanceOf(PluginCreationError);
    expect(warm.ready).toBe(true);
    for (const resolve of viaBoth(container, 'service', 'warm')) expect(resolve()).toBe(warm);
  });

  it('follows a re-registration of an alias between resolves, and its undoing (issue 17)', () => {
    const registry = new PluginRegistry();
    class Plain {}
    class NeedsSetUp {
      async [pluginSetup](): Promise<void> {}
    }
    registry.register(Plain, { alias: 'swap', kind: 'service' });
    const container = createPluginContainer({ registry });
    expect(container.get(PluginResolver).resolve('swap')).toBeInstanceOf(Plain);

    const replacement = registry.register(NeedsSetUp, { alias: 'swap', kind: 'service', override: true });
    for (const resolve of viaBoth(container, 'service', 'swap')) {
      expect(thrown(resolve)).toBeInstanceOf(PluginCreationError);
    }
    replacement.dispose();

    for (const resolve of viaBoth(container, 'service', 'swap')) expect(resolve()).toBeInstanceOf(Plain);
  });

  it('gives an async flow its overrides and flow aliases, and the real singleton before and after (issue 17)', async () => {
    const registry = new PluginRegistry();
    class Real {}
    class Fake {}
    registry.register(Real, { alias: 'real', kind: 'service', scope: 'singleton' });
    const container = createPluginContainer({ registry });
    const real = container.get(PluginResolver).resolve('real');

    const inside = await withPluginOverrides(container, { real: Fake }, async () => {
      using _added = overridePlugin(container, 'brand_new', Fake, { allowNew: true, kind: 'service' });
      await Promise.resolve();
      return [...viaBoth(container, 'service', 'real'), ...viaBoth(container, 'service', 'Brand-New')].map((resolve) =>
        resolve(),
      );
    });

    for (const instance of inside) expect(instance).toBeInstanceOf(Fake);
    for (const resolve of viaBoth(container, 'service', 'real')) expect(resolve()).toBe(real);
    expect(thrown(() => container.get(PluginResolver).resolve('brand_new'))).toBeInstanceOf(UnknownPluginError);
  });

  it('finds an alias by another spelling and by a deprecated name (issue 17)', () => {
    const registry = new PluginRegistry();
    class Named {}
    registry.register(Named, { alias: 'my_alias', kind: 'service' });
    registry.deprecate('old_name', 'my_alias');
    const container = createPluginContainer({ registry });

    for (const alias of ['My-Alias', 'old_name', 'OLD-NAME']) {
      for (const resolve of viaBoth(container, 'service', alias)) expect(resolve()).toBeInstanceOf(Named);
    }
  });

  it('refuses a __proto__ key in per-call options on the short path (issue 17)', () => {
    const registry = new PluginRegistry();
    class Configured {
      constructor(readonly options: unknown) {}
    }
    registry.register(Configured, { alias: 'configured', kind: 'service', params: { a: 1 } });
    const resolver = createPluginContainer({ registry }).get(PluginResolver);
    const overrides = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;

    expect(thrown(() => resolver.resolve('configured', overrides))).toBeInstanceOf(InvalidPluginOptionsError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('disposes what a plain constructor built through the container before throwing a hostile Proxy (issue 17)', () => {
    const registry = new PluginRegistry();
    const events: string[] = [];
    class Part {
      [Symbol.dispose](): void {
        events.push('dispose part');
      }
    }
    registry.register(Part, { alias: 'part', kind: 'part' });
    const container = createPluginContainer({ registry });
    const hostile = new Proxy(
      {},
      {
        get(): never {
          throw new Error('trap');
        },
        getPrototypeOf(): never {
          throw new Error('trap');
        },
      },
    );
    class Whole {
      constructor() {
        container.get(pluginToken('part'), { name: 'part' });
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- the point of the test
        throw hostile;
      }
    }
    registry.register(Whole, { alias: 'whole', kind: 'service' });

    for (const resolve of viaBoth(container, 'service', 'whole')) {
      expect(thrown(resolve)).toBeInstanceOf(PluginCreationError);
    }
    expect(events).toEqual(['dispose part', 'dispose part']);
  });
});
