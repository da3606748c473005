import type { DependencyContainer } from 'tsyringe';
import { currentPluginOptions, type ClassBuilder } from '../container/construct-plugin.js';
import { PLUGIN_FACTORY } from '../container/plugin-bindings.js';
import { PluginFactory } from '../container/plugin-factory.js';
import { PLUGIN_OPTIONS } from '../container/plugin-options.js';
import { PluginResolver } from '../container/plugin-resolver.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import { pluginsRegistry } from '../registry/plugins-registry.js';
import type { RegisteredPlugin } from '../registry/registered-plugin.js';
import { pluginAliasToken, pluginKindToken, type PluginKindLookup } from './plugin-tokens.js';
import { internals } from '../registry/registry-internals.js';
import { ChildViews } from './child-views.js';
import { resolveDependency } from './resolve-dependency.js';

/** The token of the object through which tsyringe's `container.dispose()` disposes the plugin singletons. */
const PLUGIN_SINGLETONS = Symbol('plugboard.PluginSingletons');

// Where tsyringe's @inject keeps a class's constructor tokens (reflect-metadata key).
const TSYRINGE_INJECTION_TOKENS = 'injectionTokens';

/**
 * Makes every plugin of `registry` (default `pluginsRegistry`) resolvable from a tsyringe container:
 * `pluginAliasToken(alias)` per alias, `pluginKindToken(kind)` per kind, `PluginResolver`, and
 * `PLUGIN_OPTIONS` for `@injectable()` plugin classes that `@inject` it. Later registrations are seen.
 * Dispose the result to stop following the registry. `await container.dispose()` (tsyringe's own disposal)
 * also disposes the plugin singletons built through the container, newest first. A child container's own
 * registration of `pluginAliasToken(alias)` is what its `PluginResolver` and kind look-ups give for that alias.
 *
 * @example
 * registerPlugins(container);
 * container.resolve(PluginResolver).resolve('ddp');
 */
export function registerPlugins(
  container: DependencyContainer,
  registry: PluginRegistry = pluginsRegistry,
): Disposable & {
  /** Undoes it, as `[Symbol.dispose]()` does. */
  dispose(): void;
} {
  const factory = new PluginFactory(registry);
  const builder: ClassBuilder = {
    metadataKey: TSYRINGE_INJECTION_TOKENS,
    construct: (entry) => container.resolve(entry.target),
    resolve: (dependency) => resolveDependency(container, dependency),
  };
  const views = new ChildViews(container, builder);
  container.register(PLUGIN_OPTIONS, { useFactory: currentPluginOptions });
  container.register(PLUGIN_FACTORY, { useValue: factory });
  const rootResolver = new PluginResolver(factory, builder);
  const resolvers = new WeakMap<DependencyContainer, PluginResolver>();
  container.register(PluginResolver, {
    useFactory: (from) => {
      if (from === container) return rootResolver;
      let resolver = resolvers.get(from);
      if (!resolver) resolvers.set(from, (resolver = new PluginResolver(factory, views.builderFor(from))));
      return resolver;
    },
  });
  // tsyringe disposes what it constructed itself when `container.dispose()` runs: give it one such object,
  // whose dispose() disposes the plugin singletons.
  class PluginSingletons {
    dispose(): Promise<void> {
      return factory.dispose();
    }
  }
  container.register(PLUGIN_SINGLETONS, { useClass: PluginSingletons });
  container.resolve(PLUGIN_SINGLETONS);
  const registered = new Set<string>();
  const add = (entry: RegisteredPlugin): void => {
    const aliasToken = pluginAliasToken(entry.alias);
    if (!registered.has(aliasToken)) {
      registered.add(aliasToken);
      // Looked up on every resolve, so overrides, removals and re-registrations are followed.
      container.register(aliasToken, {
        useFactory: (from) =>
          views.probed(from, aliasToken) ??
          factory.create(internals(registry).require(entry.alias), undefined, views.builderFor(from)),
      });
    }
    const kindToken = pluginKindToken(entry.kind);
    if (!registered.has(kindToken)) {
      registered.add(kindToken);
      const kind = entry.kind;
      container.register(kindToken, {
        useFactory: (from): PluginKindLookup => {
          const through = views.builderFor(from);
          return (alias, overrides) => factory.create(internals(registry).require(alias, kind), overrides, through);
        },
      });
    }
  };
  for (const entry of internals(registry).records()) add(entry);
  const subscription = internals(registry).subscribe((type, entry) => {
    if (type === 'added') add(entry);
    else factory.forget(entry);
  });
  return subscription;
}
