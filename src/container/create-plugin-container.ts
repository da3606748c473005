import { Container } from 'inversify';
import { disposePluginContainer } from './dispose-plugin-container.js';
import { pluginModule } from './plugin-module.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import { PluginRegistrationError } from '../errors/plugin-registration-error.js';
import { readArgument } from '../registry/arguments.js';
import { readSetupTimeout } from '../registry/setup-timeout.js';
import { pluginsRegistry } from '../registry/plugins-registry.js';

/** Where a plugin container takes its plugins from, and the container it inherits other services from. */
export interface PluginContainerOptions {
  /** Default `pluginsRegistry`. */
  registry?: PluginRegistry;
  /** A parent container whose services plugins can inject. */
  parent?: Container;
  /**
   * The longest a plugin's async set-up (`[pluginSetup]()`) may take, in milliseconds (a whole number from 1 to
   * 2147483647), for plugins whose registration gives no `setupTimeoutMs` of its own; when it passes,
   * `resolveAsync` / `resolveAllAsync` reject with PluginSetupTimeoutError. Default: no limit.
   */
  setupTimeoutMs?: number;
}

/** An inversify Container that disposes the plugin singletons it built: `await using container = ...`. */
export type PluginContainer = Container & AsyncDisposable;

/**
 * An inversify Container in which every plugin of the registry is a named binding of `pluginToken(kind)`,
 * with PluginResolver bound. Registrations made later are seen too. It is AsyncDisposable: disposing it
 * (`await using`, or `disposePluginContainer(container)`) disposes the singletons it built, newest first.
 *
 * @example
 * await using container = createPluginContainer();
 * container.get(pluginToken('strategy'), { name: 'deepspeed_zero_3_offload' });
 */
export function createPluginContainer(options: PluginContainerOptions = {}): PluginContainer {
  const { registry, parent, setupTimeoutMs } = readArgument(options, 'createPluginContainer()', [
    'registry',
    'parent',
    'setupTimeoutMs',
  ]);
  const timeout = readSetupTimeout(setupTimeoutMs, 'createPluginContainer()');
  const module = pluginModule(
    (registry ?? pluginsRegistry) as PluginRegistry,
    timeout === undefined ? {} : { setupTimeoutMs: timeout },
  );
  if (parent !== undefined && !isContainer(parent)) {
    throw new PluginRegistrationError('createPluginContainer(): parent must be an inversify Container.');
  }
  const container = new Container(parent ? { parent } : {});
  container.load(module);
  return Object.defineProperty(container, Symbol.asyncDispose, {
    value: () => disposePluginContainer(container),
    configurable: true,
    writable: true,
  }) as PluginContainer;
}

/** Duck-typed, so that a parent made by another copy of inversify is accepted. */
function isContainer(value: unknown): value is Container {
  try {
    const candidate = value as Partial<Record<'get' | 'isBound' | 'bind', unknown>> | null;
    return (
      typeof candidate === 'object' &&
      candidate !== null &&
      typeof candidate.get === 'function' &&
      typeof candidate.isBound === 'function' &&
      typeof candidate.bind === 'function'
    );
  } catch {
    return false;
  }
}
