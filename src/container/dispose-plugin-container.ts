import type { Container } from 'inversify';
import { PLUGIN_FACTORY } from './plugin-bindings.js';
import { PluginFactory } from './plugin-factory.js';
import { PluginDisposalError, type PluginDisposalFailure } from '../errors/plugin-disposal-error.js';
import { PluginRegistrationError } from '../errors/plugin-registration-error.js';

/**
 * Disposes the plugin singletons `container` built (with `createPluginContainer` or `pluginModule`), newest
 * first, awaiting async disposal; afterwards every plugin resolve through it throws PluginDisposedError.
 * Every failure is collected into one PluginDisposalError. Calling it again returns the same result.
 * Transient instances are not the container's: dispose them through a `resolver.scope()`.
 *
 * @example
 * const container = new Container();
 * container.load(pluginModule(registry));
 * // ...
 * await disposePluginContainer(container);
 */
export async function disposePluginContainer(container: Container): Promise<void> {
  const factories = pluginFactories(container);
  if (factories.length === 0) {
    throw new PluginRegistrationError(
      'disposePluginContainer() needs a container made by createPluginContainer() or with pluginModule() loaded.',
    );
  }
  // A container with several plugin modules loaded: the last loaded is disposed first, and every one is disposed
  // even when an earlier one fails; their failures make one PluginDisposalError.
  const failures: PluginDisposalFailure[] = [];
  for (const factory of factories.reverse()) {
    try {
      await factory.dispose();
    } catch (error) {
      if (!(error instanceof PluginDisposalError)) throw error;
      failures.push(...error.failures);
    }
  }
  if (failures.length > 0) throw new PluginDisposalError(failures);
}

/** The plugin factories bound in `container`; none for anything that is not an inversify container. */
function pluginFactories(container: Container): PluginFactory[] {
  try {
    return container.isCurrentBound(PLUGIN_FACTORY)
      ? container.getAll(PLUGIN_FACTORY).filter((value) => value instanceof PluginFactory)
      : [];
  } catch {
    return [];
  }
}
