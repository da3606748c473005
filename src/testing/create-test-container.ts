import type { Container } from 'inversify';
import { createPluginContainer, type PluginContainerOptions } from '../container/create-plugin-container.js';
import { PluginResolver } from '../container/plugin-resolver.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import { readArgument } from '../registry/arguments.js';
import { registryArgument } from '../registry/registry-argument.js';
import { pluginsRegistry } from '../registry/plugins-registry.js';

/** What `createTestContainer` gives a test. */
export interface TestContainer {
  readonly container: Container;
  /** A copy of the source registry, private to this container. */
  readonly registry: PluginRegistry;
  readonly resolver: PluginResolver;
}

/**
 * A fresh container over a copy of a registry (default `pluginsRegistry`): what a test registers in the
 * copy, and the singletons it builds, never leak into other tests.
 *
 * @example
 * const { resolver, registry } = createTestContainer();
 */
export function createTestContainer(options: PluginContainerOptions = {}): TestContainer {
  const { registry: source, parent } = readArgument(options, 'createTestContainer()', ['registry', 'parent']);
  const registry = registryArgument((source ?? pluginsRegistry) as PluginRegistry, 'createTestContainer()').clone();
  const container = createPluginContainer(
    parent === undefined ? { registry } : { registry, parent: parent as Container },
  );
  return { container, registry, resolver: container.get(PluginResolver) };
}
