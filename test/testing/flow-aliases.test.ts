import { describe, expect, it } from '@jest/globals';
import { PluginRegistry, PluginResolver, UnknownPluginError, createPluginContainer, pluginToken } from 'plugboard';
import { overridePlugin, withPluginOverrides } from 'plugboard/testing';

class DdpStrategy {}
class FakeFsdp {
  constructor(readonly options: unknown) {}
}
class OtherFsdp {}

function setup() {
  const registry = new PluginRegistry();
  registry.register(DdpStrategy, { alias: 'ddp', kind: 'strategy' });
  const container = createPluginContainer({ registry });
  return { registry, container, resolver: container.get(PluginResolver) };
}

/** Resolves when `release` is called: lets two flows interleave at known points. */
function gate(): { wait: Promise<void>; release: () => void } {
  let release = (): void => undefined;
  const wait = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { wait, release };
}

describe(withPluginOverrides.name, () => {
  it('keeps an alias that allowNew adds inside the block to that async flow (issue 12)', async () => {
    const { registry, container, resolver } = setup();
    const added = gate();
    const checked = gate();
    const seenByOther: unknown[] = [];

    const flowA = withPluginOverrides(container, {}, async () => {
      using _ = overridePlugin(container, 'fsdp', FakeFsdp, { allowNew: true, kind: 'strategy' });
      added.release();
      await checked.wait;
      expect(resolver.resolve('fsdp')).toBeInstanceOf(FakeFsdp);
      expect(resolver.resolveAll(['ddp', 'fsdp']).strategy?.[1]).toBeInstanceOf(FakeFsdp);
      expect(container.get(pluginToken('strategy'), { name: 'fsdp' })).toBeInstanceOf(FakeFsdp);
    });
    const flowB = withPluginOverrides(container, {}, async () => {
      await added.wait;
      // Flow A has added "fsdp"; this flow, the shared registry and listings do not see it.
      seenByOther.push(registry.has('fsdp'), registry.list().length);
      expect(() => resolver.resolve('fsdp')).toThrow(UnknownPluginError);
      expect(() => resolver.resolveAll(['fsdp'])).toThrow(UnknownPluginError);
      expect(() => container.get(pluginToken('strategy'), { name: 'fsdp' })).toThrow(UnknownPluginError);
      // It may add the same alias for itself, with its own replacement.
      using _ = overridePlugin(container, 'fsdp', new OtherFsdp(), { allowNew: true, kind: 'strategy' });
      expect(resolver.resolve('fsdp')).toBeInstanceOf(OtherFsdp);
      expect(container.get(pluginToken('strategy'), { name: 'fsdp' })).toBeInstanceOf(OtherFsdp);
      checked.release();
    });
    await Promise.all([flowA, flowB]);

    expect(seenByOther).toEqual([false, 1]);
    expect(() => resolver.resolve('fsdp')).toThrow(UnknownPluginError);
    expect(() => container.get(pluginToken('strategy'), { name: 'fsdp' })).toThrow();
    expect(registry.has('fsdp')).toBe(false);
  });

  it('overrides an alias the registry has, with allowNew, inside a block, as without it (issue 12)', () => {
    const { container, resolver } = setup();
    withPluginOverrides(container, {}, () => {
      using _ = overridePlugin(container, 'ddp', FakeFsdp, { allowNew: true });
      expect(resolver.resolve('ddp')).toBeInstanceOf(FakeFsdp);
    });
    expect(resolver.resolve('ddp')).toBeInstanceOf(DdpStrategy);
  });
});
