import { ContainerModule } from 'inversify';
import { InversifyBuilder, PluginBindings } from './plugin-bindings.js';
import { PluginResolver } from './plugin-resolver.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import { registryArgument } from '../registry/registry-argument.js';
import { pluginsRegistry } from '../registry/plugins-registry.js';
import type { RegisteredPlugin } from '../registry/registered-plugin.js';
import { internals } from '../registry/registry-internals.js';

/**
 * The bindings of a registry as a ContainerModule, for a container you already have: every plugin as a
 * named binding of `pluginToken(kind)`, PLUGIN_OPTIONS, and PluginResolver. Registrations made later are bound too.
 *
 * @example
 * const container = new Container();
 * container.load(pluginModule(registry));
 */
export function pluginModule(registry: PluginRegistry = pluginsRegistry): ContainerModule {
  registryArgument(registry, 'pluginModule()');
  return new ContainerModule((options) => {
    const bindings = new PluginBindings(registry, options);
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
