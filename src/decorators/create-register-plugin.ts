import { decorator, toRegistration, type PluginDecorator } from './register-plugin.js';
import { PluginRegistrationError } from '../errors/plugin-registration-error.js';
import { quote } from '../internal/quote.js';
import { registryArgument } from '../registry/registry-argument.js';
import type { PluginDefinition } from '../registry/plugin-entry.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import { readRegistration } from '../registry/registration.js';

/**
 * `@RegisterPlugin` bound to one registry: the options form (without `registry`) and the shorthand
 * `(alias, description?, recommendedWhen?)`, under standard decorators and `experimentalDecorators`.
 */
export interface BoundRegisterPlugin {
  <TOptions = unknown>(options: PluginDefinition<TOptions>): PluginDecorator;
  (alias: string, description?: string, recommendedWhen?: string): PluginDecorator;
}

/**
 * A `RegisterPlugin` that registers into `registry`, so that an application's plugins need not repeat
 * `registry:` on every decorator (as MMEngine's `@MODELS.register_module()`). Options that name another
 * registry are refused.
 *
 * @example
 * export const appRegistry = new PluginRegistry();
 * export const RegisterAppPlugin = createRegisterPlugin(appRegistry);
 *
 * \@RegisterAppPlugin({ alias: 'ddp', kind: 'strategy' })
 * class DdpStrategy {}
 */
export function createRegisterPlugin(registry: PluginRegistry): BoundRegisterPlugin {
  registryArgument(registry, 'createRegisterPlugin(registry)');
  return (aliasOrOptions: string | PluginDefinition, description?: string, recommendedWhen?: string) => {
    const options = readRegistration(toRegistration(aliasOrOptions, description, recommendedWhen));
    if (options.registry !== undefined && options.registry !== registry) {
      throw new PluginRegistrationError(
        `Plugin ${quote(options.alias)}: this decorator registers into the registry given to ` +
          'createRegisterPlugin(registry); remove the registry option, or use RegisterPlugin to register elsewhere.',
      );
    }
    return decorator(options, registry);
  };
}
