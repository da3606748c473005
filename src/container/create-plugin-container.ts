import { Container } from 'inversify';
import { pluginModule } from './plugin-module.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import { pluginsRegistry } from '../registry/plugins-registry.js';

/** Where a plugin container takes its plugins from, and the container it inherits other services from. */
export interface PluginContainerOptions {
  /** Default `pluginsRegistry`. */
  registry?: PluginRegistry;
  /** A parent container whose services plugins can inject. */
  parent?: Container;
}

/**
 * An inversify Container in which every plugin of the registry is a named binding of `pluginToken(kind)`,
 * with PluginResolver bound. Registrations made later are seen too.
 *
 * @example
 * const container = createPluginContainer();
 * container.get(pluginToken('strategy'), { name: 'deepspeed_zero_3_offload' });
 */
export function createPluginContainer(options: PluginContainerOptions = {}): Container {
  const container = new Container(options.parent ? { parent: options.parent } : {});
  container.load(pluginModule(options.registry ?? pluginsRegistry));
  return container;
}
