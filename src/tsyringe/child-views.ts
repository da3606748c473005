import type { DependencyContainer } from 'tsyringe';
import { creationError, type ClassBuilder } from '../container/construct-plugin.js';
import { PluginError } from '../errors/plugin-error.js';
import { pluginAliasToken } from './plugin-tokens.js';
import { resolveDependency } from './resolve-dependency.js';

/** What the root's alias factory returns to a probe: "this container has no registration of its own". */
const NOT_OWN: unique symbol = Symbol('plugboard.NotOwnRegistration');

/**
 * How the containers below the one `registerPlugins` was given build plugins (issue 12): through themselves,
 * so that a child's own `pluginAliasToken(alias)` registration (a test fake) wins for its PluginResolver and
 * kind look-ups, and a plugin's injected dependencies come from the child.
 */
export class ChildViews {
  readonly #builders = new WeakMap<DependencyContainer, ClassBuilder>();
  /** The look-up being probed right now: answered by the root's alias factory when it is reached. */
  #probe: { readonly from: DependencyContainer; readonly token: string } | undefined;

  constructor(
    readonly root: DependencyContainer,
    readonly rootBuilder: ClassBuilder,
  ) {}

  /** How `from` builds plugins: the root's builder for the root, else one that defers to `from`'s registrations. */
  builderFor(from: DependencyContainer): ClassBuilder {
    if (from === this.root) return this.rootBuilder;
    let builder = this.#builders.get(from);
    if (!builder) {
      builder = {
        metadataKey: this.rootBuilder.metadataKey,
        construct: (entry) => from.resolve(entry.target),
        resolve: (dependency) => resolveDependency(from, dependency),
        registered: (entry) => this.#own(from, pluginAliasToken(entry.alias), entry.alias),
      };
      this.#builders.set(from, builder);
    }
    return builder;
  }

  /**
   * Called first by the root's alias factory: NOT_OWN when the look-up is the probe of `#own` (it fell through
   * every child to the root), else undefined (build the plugin).
   */
  probed(from: DependencyContainer, token: string): typeof NOT_OWN | undefined {
    const probe = this.#probe;
    this.#probe = undefined;
    return probe !== undefined && probe.from === from && probe.token === token ? NOT_OWN : undefined;
  }

  /** `from`'s own registration of the alias token (or one of a container between it and the root), if any. */
  #own(from: DependencyContainer, token: string, alias: string): { readonly value: unknown } | undefined {
    const outer = this.#probe;
    this.#probe = { from, token };
    let value: unknown;
    try {
      value = from.resolve(token);
    } catch (error) {
      throw PluginError.is(error) ? error : creationError(alias, 'the container registration', error);
    } finally {
      this.#probe = outer;
    }
    return value === NOT_OWN ? undefined : { value };
  }
}
