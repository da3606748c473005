import type { BindingIdentifier, ContainerModuleLoadOptions, ResolutionContext } from 'inversify';
import { currentPluginOptions, type ClassBuilder } from './construct-plugin.js';
import { PluginFactory } from './plugin-factory.js';
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
 * One container's view of one registry: every entry as a named binding of its kind's token, kept in
 * step with later registrations; instances come from the container's PluginFactory.
 */
export class PluginBindings {
  readonly #bound = new Map<RegisteredPlugin, BindingIdentifier[]>();
  readonly #flowAliases = new Map<string, { readonly id: BindingIdentifier; count: number }>();
  readonly factory: PluginFactory;

  constructor(
    readonly registry: PluginRegistry,
    readonly options: ContainerModuleLoadOptions,
  ) {
    this.factory = new PluginFactory(registry);
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
    const { bind } = this.options;
    const ids = [
      bind(pluginToken(entry.kind))
        .toDynamicValue((context) => this.factory.create(entry, undefined, new InversifyBuilder(context)))
        .inTransientScope()
        .when(
          (request) => typeof request.name === 'string' && this.factory.core.canonicalKey(request.name) === entry.key,
        )
        .getIdentifier(),
    ];
    // A manifest entry is bound by name only: reading its class would import its module.
    if (!entry.lazy && hasOwnMetadata(entry.target, INVERSIFY_CLASS_METADATA)) {
      ids.push(bind(entry.serviceId).to(entry.target).inTransientScope().getIdentifier());
    }
    this.#bound.set(entry, ids);
  }

  remove(entry: RegisteredPlugin): void {
    if (isFlowAlias(entry)) {
      this.#removeFlowAlias(entry);
      return;
    }
    for (const id of this.#bound.get(entry) ?? []) this.options.unbind(id);
    this.#bound.delete(entry);
    this.factory.forget(entry);
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
