import type { DependencyContainer } from 'tsyringe';
import { currentPluginOptions, type ClassBuilder } from '../container/construct-plugin.js';
import { PLUGIN_FACTORY } from '../container/plugin-bindings.js';
import { PluginFactory } from '../container/plugin-factory.js';
import { PLUGIN_OPTIONS } from '../container/plugin-options.js';
import { PluginResolver, type PluginPlanner } from '../container/plugin-resolver.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import { pluginsRegistry } from '../registry/plugins-registry.js';
import { PluginRegistrationError } from '../errors/plugin-registration-error.js';
import type { RegisteredPlugin } from '../registry/registered-plugin.js';
import { pluginAliasToken, pluginKindToken, type PluginKindLookup } from './plugin-tokens.js';
import { internals } from '../registry/registry-internals.js';

// Where tsyringe's @inject keeps a class's constructor tokens (reflect-metadata key).
const TSYRINGE_INJECTION_TOKENS = 'injectionTokens';

/** The container a plugin is being resolved from, per alias token: set while a child container resolves it. */
interface Request {
  readonly token: string;
  readonly overrides: unknown;
  used: boolean;
}

/**
 * Makes every plugin of `registry` (default `pluginsRegistry`) resolvable from a tsyringe container:
 * `pluginAliasToken(alias)` per alias, `pluginKindToken(kind)` per kind, `PluginResolver`, and
 * `PLUGIN_OPTIONS` for `@injectable()` plugin classes that `@inject` it. Later registrations are seen.
 * A child container's own registration of `pluginAliasToken(alias)` is what its `PluginResolver` and
 * kind look-ups give for that alias. Dispose the result to stop following the registry.
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
  internals(registry);
  containerArgument(container);
  const factory = new PluginFactory(registry);
  const requests: Request[] = [];
  const builderFor = (from: DependencyContainer): ClassBuilder => ({
    metadataKey: TSYRINGE_INJECTION_TOKENS,
    construct: (entry) => from.resolve(entry.target),
  });
  const rootBuilder = builderFor(container);
  /** How `from` builds a plugin: through itself when it is a child, so that its own registrations win. */
  const plannerFor = (from: DependencyContainer): PluginPlanner => {
    const builder = from === container ? rootBuilder : builderFor(from);
    if (from === container) return (entry, overrides) => factory.plan(entry, overrides, builder);
    return (entry, overrides) => {
      factory.plan(entry, overrides, builder); // checks the request; the build goes through `from`
      const token = pluginAliasToken(entry.alias);
      return () => {
        requests.push({ token, overrides, used: false });
        try {
          return from.resolve(token);
        } finally {
          requests.pop();
        }
      };
    };
  };
  const perContainer = new WeakMap<DependencyContainer, { resolver: PluginResolver; plan: PluginPlanner }>();
  const viewOf = (from: DependencyContainer): { resolver: PluginResolver; plan: PluginPlanner } => {
    let view = perContainer.get(from);
    if (!view) {
      const plan = plannerFor(from);
      view = { resolver: new PluginResolver(factory, builderFor(from), plan), plan };
      perContainer.set(from, view);
    }
    return view;
  };
  container.register(PLUGIN_OPTIONS, { useFactory: currentPluginOptions });
  container.register(PLUGIN_FACTORY, { useValue: factory });
  container.register(PluginResolver, { useFactory: (from) => viewOf(from).resolver });
  const registered = new Set<string>();
  const add = (entry: RegisteredPlugin): void => {
    const aliasToken = pluginAliasToken(entry.alias);
    if (!registered.has(aliasToken)) {
      registered.add(aliasToken);
      // Looked up on every resolve, so overrides, removals and re-registrations are followed.
      container.register(aliasToken, {
        useFactory: (from) => {
          const request = requests.at(-1);
          const mine = request !== undefined && !request.used && request.token === aliasToken;
          if (mine) request.used = true;
          const overrides = mine ? request.overrides : undefined;
          return factory.create(
            internals(registry).require(entry.alias),
            overrides,
            from === container ? rootBuilder : builderFor(from),
          );
        },
      });
    }
    const kindToken = pluginKindToken(entry.kind);
    if (!registered.has(kindToken)) {
      registered.add(kindToken);
      const kind = entry.kind;
      container.register(kindToken, {
        useFactory: (from): PluginKindLookup => {
          const { plan } = viewOf(from);
          return (alias, overrides) => plan(internals(registry).require(alias, kind), overrides)();
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

function containerArgument(container: unknown): void {
  let ok = false;
  try {
    const candidate = container as Partial<Record<'register' | 'resolve' | 'isRegistered', unknown>> | null;
    ok =
      typeof candidate === 'object' &&
      candidate !== null &&
      typeof candidate.register === 'function' &&
      typeof candidate.resolve === 'function' &&
      typeof candidate.isRegistered === 'function';
  } catch {
    // A Proxy whose traps throw is no container.
  }
  if (!ok) throw new PluginRegistrationError('registerPlugins() needs a tsyringe DependencyContainer.');
}
