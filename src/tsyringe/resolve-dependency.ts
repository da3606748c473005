import type { DependencyContainer, InjectionToken } from 'tsyringe';
import { PluginRegistrationError } from '../errors/plugin-registration-error.js';
import type { InjectedDependency } from '../registry/plugin-dependency.js';

/**
 * Resolves one dependency of a registration's `inject` list from a tsyringe container. An optional one is
 * `undefined` unless the token is registered (here or in a parent); tsyringe has no named registrations.
 */
export function resolveDependency(container: DependencyContainer, dependency: InjectedDependency): unknown {
  const token = dependency.token as InjectionToken;
  if (dependency.name !== undefined) {
    throw new PluginRegistrationError(
      'tsyringe has no named registrations: declare the dependency without name, or register a token of its own.',
    );
  }
  if (dependency.optional && !container.isRegistered(token, true)) return undefined;
  return container.resolve(token);
}
