import { ContainerModule } from 'inversify';
import { InversifyBuilder, PluginBindings } from './plugin-bindings.js';
import { PluginResolver } from './plugin-resolver.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import { registryArgument } from '../registry/registry-argument.js';
import { pluginsRegistry } from '../registry/plugins-registry.js';
import type { RegisteredPlugin } from '../registry/registered-plugin.js';
import { internals } from '../registry/registry-internals.js';
import { readArgument } from '../registry/arguments.js';
import { readSetupTimeout } from '../registry/setup-timeout.js';

/** How `pluginModule` builds plugins. */
export interface PluginModuleOptions {
  /**
   * The longest a plugin's async set-up (`[pluginSetup]()`) may take, in milliseconds (a whole number from 1 to
   * 2147483647), for plugins whose registration gives no `setupTimeoutMs` of its own. Default: no limit.
   */
  setupTimeoutMs?: number;
}

/**
 * The bindings of a registry as a ContainerModule, for a container you already have: every plugin as a
 * named binding of `pluginToken(kind)`, PLUGIN_OPTIONS, and PluginResolver. Registrations made later are bound too.
 * `options.setupTimeoutMs` limits async set-up (see PluginModuleOptions).
 *
 * @example
 * const container = new Container();
 * container.load(pluginModule(registry));
 */
export function pluginModule(
  registry: PluginRegistry = pluginsRegistry,
  moduleOptions?: PluginModuleOptions,
): ContainerModule {
  registryArgument(registry, 'pluginModule()');
  const { setupTimeoutMs } = readArgument(moduleOptions, 'pluginModule()', ['setupTimeoutMs']);
  const timeout = readSetupTimeout(setupTimeoutMs, 'pluginModule()');
  return new ContainerModule((options) => {
    const bindings = new PluginBindings(registry, options, timeout);
    bindings.bindAll();
    options
      .bind(PluginResolver)
      .toDynamicValue((context) => new PluginResolver(bindings.factory, new InversifyBuilder(context)))
      .inSingletonScope();
    // The container holds the bindings strongly (through this marker); the registry only weakly,
    // so a container that is dropped is not kept alive by the registry it follows.
    const marker = Symbol('plugboard.bindings');
    options.bind(marker).toConstantValue(bindings);
    const ref = new WeakRef(bindings);
    const follow =
      (subscription: () => Disposable) =>
      (type: 'added' | 'removed', entry: RegisteredPlugin): void => {
        const live = ref.deref();
        if (!live || !options.isBound(marker)) {
          subscription()[Symbol.dispose]();
          return;
        }
        if (type === 'added') live.add(entry);
        else live.remove(entry);
      };
    const subscription: Disposable = internals(registry).subscribe(follow(() => subscription));
    // Aliases an allowNew override added inside withPluginOverrides: bound for that flow only (issue 12).
    const flowSubscription: Disposable = internals(registry).subscribeFlowAliases(follow(() => flowSubscription));
  });
}
