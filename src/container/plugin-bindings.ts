import type { BindingIdentifier, ContainerModuleLoadOptions, ResolutionContext } from 'inversify';
import { currentPluginOptions, type ClassBuilder } from './construct-plugin.js';
import { PluginFactory } from './plugin-factory.js';
import { isOverridden, watchOverrides, type OverrideWatcher } from './plugin-overrides.js';
import { PLUGIN_OPTIONS } from './plugin-options.js';
import { pluginToken } from './plugin-token.js';
import { hasOwnMetadata } from '../internal/metadata.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import type { RegisteredPlugin } from '../registry/registered-plugin.js';
import { isFlowAlias } from '../registry/flow-aliases.js';

// Where inversify keeps a class's @injectable/@inject metadata (reflect-metadata key of @inversifyjs/core).
const INVERSIFY_CLASS_METADATA = '@inversifyjs/core/classMetadataReflectKey';

/** The container token under which every plugin container keeps its PluginFactory. */
export const PLUGIN_FACTORY = Symbol.for('plugboard.PluginFactory');

/** A ClassBuilder that lets inversify build classes with @inject dependencies, through `context`. */
export class InversifyBuilder implements ClassBuilder {
  constructor(readonly context: Pick<ResolutionContext, 'get'>) {}

  readonly metadataKey = INVERSIFY_CLASS_METADATA;

  construct(entry: RegisteredPlugin): unknown {
    return this.context.get(entry.serviceId);
  }
}

/**
 * The builder of a class bound as plain (loaded, no inversify metadata when it was bound): it needs no
 * resolution context, so one serves every resolution.
 */
const PLAIN_BUILDER = new InversifyBuilder({
  get: () => {
    throw new Error(
      'its class gained @inject dependencies after the container bound it as a plain class; decorate it before registering it',
    );
  },
});

/** What one entry has bound: its named binding, its class (when inversify builds it), and, while a singleton is overridden, a transient twin. */
interface Bound {
  plugin: BindingIdentifier;
  readonly service: BindingIdentifier | undefined;
  /** The transient binding that stands in for a singleton's cached one while an override of it lasts. */
  twin: BindingIdentifier | undefined;
}

/**
 * One container's view of one registry: every entry as a named binding of its kind's token, kept in
 * step with later registrations; instances come from the container's PluginFactory.
 *
 * A singleton is bound in inversify's singleton scope, so that `container.get` returns inversify's cached
 * instance (the factory's own, built once). While an override of it is active in any flow, a transient twin
 * binding takes its place (the cached binding's condition turns false, and binding the twin makes inversify
 * plan again), so that each flow gets its replacement or the real singleton from the factory.
 */
export class PluginBindings implements OverrideWatcher {
  readonly #bound = new Map<RegisteredPlugin, Bound>();
  readonly #flowAliases = new Map<string, { readonly id: BindingIdentifier; count: number }>();
  readonly factory: PluginFactory;

  constructor(
    readonly registry: PluginRegistry,
    readonly options: ContainerModuleLoadOptions,
  ) {
    this.factory = new PluginFactory(registry);
    watchOverrides(this.factory, this);
    watchOverrides(registry, this);
    // A disposed container throws PluginDisposedError for every plugin: its cached singletons must not be served.
    this.factory.onDispose(() => {
      for (const entry of this.#bound.keys()) this.overridden(entry.key);
    });
  }

  /** Binds PLUGIN_OPTIONS, the factory and every current entry. */
  bindAll(): void {
    this.options.bind(PLUGIN_OPTIONS).toDynamicValue(currentPluginOptions).inTransientScope();
    this.options.bind(PLUGIN_FACTORY).toConstantValue(this.factory);
    for (const entry of this.factory.core.records()) this.add(entry);
  }

  add(entry: RegisteredPlugin): void {
    if (isFlowAlias(entry)) {
      this.#addFlowAlias(entry);
      return;
    }
    // A manifest entry is bound by name only: reading its class would import its module.
    const injected = !entry.lazy && !isPlain(entry);
    const bound: Bound = {
      plugin: undefined as unknown as BindingIdentifier,
      service: injected
        ? this.options.bind(entry.serviceId).to(entry.target).inTransientScope().getIdentifier()
        : undefined,
      twin: undefined,
    };
    const cached = this.#cached(entry);
    bound.plugin = this.#bindPlugin(entry, cached ? bound : undefined);
    this.#bound.set(entry, bound);
    if (cached) this.overridden(entry.key);
  }

  remove(entry: RegisteredPlugin): void {
    if (isFlowAlias(entry)) {
      this.#removeFlowAlias(entry);
      return;
    }
    const bound = this.#bound.get(entry);
    for (const id of [bound?.plugin, bound?.service, bound?.twin]) if (id) this.options.unbind(id);
    this.#bound.delete(entry);
    this.factory.forget(entry);
  }

  /** Switches the singletons under `key` between inversify's cached binding and the transient twin (overridden or disposed). */
  overridden(key: string): void {
    const active = this.factory.disposed || isOverridden(this.factory, key) || isOverridden(this.registry, key);
    for (const [entry, bound] of this.#bound) {
      if (entry.key !== key || !this.#cached(entry) || active === (bound.twin !== undefined)) continue;
      if (active) {
        bound.twin = this.#bindPlugin(entry, undefined);
      } else {
        const twin = bound.twin as BindingIdentifier;
        bound.twin = undefined;
        this.options.unbind(twin);
      }
    }
  }

  /** Whether inversify caches the entry's instance: a singleton whose class is loaded. */
  #cached(entry: RegisteredPlugin): boolean {
    return entry.scope === 'singleton' && !entry.lazy;
  }

  /** Binds the entry under its name: in singleton scope when `cached` is given (and only while it has no twin). */
  #bindPlugin(entry: RegisteredPlugin, cached: Bound | undefined): BindingIdentifier {
    const bind = this.options.bind(pluginToken(entry.kind));
    // A class inversify does not build needs no resolution context: a resolved value is inversify's cheaper binding.
    const to = isPlain(entry)
      ? bind.toResolvedValue(() => this.factory.create(entry, undefined, PLAIN_BUILDER))
      : bind.toDynamicValue((context) => this.factory.create(entry, undefined, new InversifyBuilder(context)));
    const scoped = cached ? to.inSingletonScope() : to.inTransientScope();
    return scoped
      .when(
        (request) =>
          typeof request.name === 'string' &&
          this.factory.core.canonicalKey(request.name) === entry.key &&
          cached?.twin === undefined,
      )
      .getIdentifier();
  }

  /**
   * An alias an override added for one async flow only (issue 12): one binding per kind and alias, however
   * many flows added it, that looks the alias up in the resolving flow (UnknownPluginError in any other).
   * Its condition does not depend on the flow, so inversify may cache the plan.
   */
  #addFlowAlias(entry: RegisteredPlugin): void {
    const slot = `${entry.kind}\0${entry.key}`;
    const bound = this.#flowAliases.get(slot);
    if (bound) {
      bound.count += 1;
      return;
    }
    const { core } = this.factory;
    const id = this.options
      .bind(pluginToken(entry.kind))
      .toDynamicValue((context) =>
        this.factory.create(core.require(entry.alias, entry.kind), undefined, new InversifyBuilder(context)),
      )
      .inTransientScope()
      .when((request) => typeof request.name === 'string' && core.canonicalKey(request.name) === entry.key)
      .getIdentifier();
    this.#flowAliases.set(slot, { id, count: 1 });
  }

  #removeFlowAlias(entry: RegisteredPlugin): void {
    const slot = `${entry.kind}\0${entry.key}`;
    const bound = this.#flowAliases.get(slot);
    if (!bound || --bound.count > 0) return;
    this.#flowAliases.delete(slot);
    this.options.unbind(bound.id);
  }
}

/** True for a loaded class without inversify metadata: the container never builds it itself. */
function isPlain(entry: RegisteredPlugin): boolean {
  return entry.lazy === undefined && !hasOwnMetadata(entry.target, INVERSIFY_CLASS_METADATA);
}
