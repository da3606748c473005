import { describe, expect, it } from '@jest/globals';
import { PluginRegistry, PluginResolver, createPluginContainer, disposePluginContainer } from 'plugboard';
import { overridePlugin } from 'plugboard/testing';

class FakeStrategy {
  disposed = 0;
  [Symbol.dispose](): void {
    this.disposed += 1;
  }
}

function setup() {
  const registry = new PluginRegistry();
  registry.register(class Ddp {}, { alias: 'ddp', kind: 'strategy', scope: 'singleton' });
  registry.register(class Logger {}, { alias: 'logger' });
  const container = createPluginContainer({ registry });
  return { container, resolver: container.get(PluginResolver) };
}

describe(overridePlugin.name, () => {
  it('keeps the replacement instance from being disposed by the container it was handed to (issue 14)', async () => {
    const { container, resolver } = setup();
    const fake = new FakeStrategy();
    using _ = overridePlugin(container, 'ddp', fake);
    resolver.resolve('ddp');

    await disposePluginContainer(container);

    expect(fake.disposed).toBe(0);
  });

  it('lets the container or scope dispose it when the test asks with { dispose: true }', async () => {
    const { container, resolver } = setup();
    const strategy = new FakeStrategy();
    const logger = new FakeStrategy();
    using _strategy = overridePlugin(container, 'ddp', strategy, { dispose: true });
    using _logger = overridePlugin(container, 'logger', logger, { dispose: true });
    resolver.resolve('ddp');
    {
      await using scope = resolver.scope();
      scope.resolve('logger');
      scope.resolve('logger');
    }

    await disposePluginContainer(container);

    expect(strategy.disposed).toBe(1);
    expect(logger.disposed).toBe(1);
  });
});
