import type { Container } from 'inversify';
import { constructPlugin } from '../container/construct-plugin.js';
import { InversifyBuilder, PLUGIN_FACTORY } from '../container/plugin-bindings.js';
import { PluginFactory } from '../container/plugin-factory.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';

/**
 * A new instance of the plugin under `alias`, built with its params through `container` as a resolve would
 * build it, but with its async set-up not run: what a host disposes when it stops before set-up. Throws what
 * building throws.
 */
export function buildWithoutSetup(container: Container, registry: PluginRegistry, alias: string): unknown {
  const factories = container
    .getAll(PLUGIN_FACTORY)
    .filter((value): value is PluginFactory => value instanceof PluginFactory);
  // A test container follows a copy of the registry: its factory is the one there is.
  const factory = factories.find((value) => value.registry === registry) ?? factories[0];
  if (!factory) throw new Error('the container has no plugin bindings of the registry being checked');
  const real = factory.core.materialize(factory.core.require(alias));
  return constructPlugin(real, real.copyParams(), new InversifyBuilder(container));
}
