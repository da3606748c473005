import { afterAll, describe, expect, it } from '@jest/globals';
import { PluginRegistry, PluginResolver, PluginRegistrationError } from 'plugboard';
import { createTestContainer, usePluginOverrides } from 'plugboard/testing';

class RealStrategy {}
class FakeStrategy {}

const registry = new PluginRegistry();
registry.register(RealStrategy, { alias: 'real', kind: 'strategy' });
const { container, resolver } = createTestContainer({ registry });
let installs = 0;

describe(usePluginOverrides.name, () => {
  usePluginOverrides(
    () => {
      installs += 1;
      return { real: new FakeStrategy() };
    },
    { target: container },
  );

  it('installs the overrides before each test', () => {
    expect(resolver.resolve('real')).toBeInstanceOf(FakeStrategy);
  });

  it('builds fresh replacements for every test', () => {
    expect(installs).toBe(2);
  });

  it('refuses to run without test hooks', () => {
    const globals = globalThis as { beforeEach?: unknown };
    const saved = globals.beforeEach;
    globals.beforeEach = undefined;
    try {
      expect(() => {
        usePluginOverrides({});
      }).toThrow(PluginRegistrationError);
      expect(() => {
        usePluginOverrides({});
      }).toThrow('usePluginOverrides() found no beforeEach/afterEach');
    } finally {
      globals.beforeEach = saved;
    }
  });
});

afterAll(() => {
  // After the describe block, its afterEach has restored the real plugin.
  expect(resolver.resolve('real')).toBeInstanceOf(RealStrategy);
});

describe(createTestContainer.name, () => {
  it('gives each test an isolated copy of the registry', () => {
    const first = createTestContainer({ registry });
    const second = createTestContainer({ registry });

    first.registry.register(FakeStrategy, { alias: 'only_in_first' });

    expect(first.resolver.resolve('only_in_first')).toBeInstanceOf(FakeStrategy);
    expect(second.registry.has('only_in_first')).toBe(false);
    expect(registry.has('only_in_first')).toBe(false);
    expect(first.container.get(PluginResolver)).toBe(first.resolver);
  });
});
