import type { BindingIdentifier, ContainerModuleLoadOptions, MetadataName } from 'inversify';
import { constructPlugin, currentPluginOptions, needsContainer } from './construct-plugin.js';
import { PLUGIN_OPTIONS } from './plugin-options.js';
import { pluginToken } from './plugin-token.js';
import { InvalidPluginOptionsError } from '../errors/invalid-plugin-options-error.js';
import { cloneOptions, copyOptions, isPlainObject, mergeOptions } from '../internal/options.js';
import { describeValue, normalizeAlias } from '../registry/alias.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import type { RegisteredPlugin } from '../registry/registered-plugin.js';

type Get = (id: symbol) => unknown;

/**
 * One container's view of one registry: it binds every entry as a named binding of its kind's token,
 * follows later registrations, and builds instances (keeping singletons per container).
 */
export class PluginBindings {
  readonly #bound = new Map<RegisteredPlugin, BindingIdentifier[]>();
  readonly #singletons = new Map<RegisteredPlugin, unknown>();

  constructor(
    readonly registry: PluginRegistry,
    readonly options: ContainerModuleLoadOptions,
  ) {}

  /** Binds PLUGIN_OPTIONS and every current entry. */
  bindAll(): void {
    this.options.bind(PLUGIN_OPTIONS).toDynamicValue(currentPluginOptions).inTransientScope();
    for (const entry of this.registry.records()) this.add(entry);
  }

  add(entry: RegisteredPlugin): void {
    const { bind } = this.options;
    const ids = [
      bind(pluginToken(entry.kind))
        .toDynamicValue((context) => this.create(entry, undefined, (id) => context.get(id)))
        .inTransientScope()
        .when((request) => matchesAlias(request.name, entry.key))
        .getIdentifier(),
    ];
    if (needsContainer(entry.target)) {
      ids.push(bind(entry.serviceId).to(entry.target).inTransientScope().getIdentifier());
    }
    this.#bound.set(entry, ids);
  }

  remove(entry: RegisteredPlugin): void {
    for (const id of this.#bound.get(entry) ?? []) this.options.unbind(id);
    this.#bound.delete(entry);
    this.#singletons.delete(entry);
  }

  /** A configured instance of `entry`: its params with `overrides` merged in, or the container's singleton. */
  create(entry: RegisteredPlugin, overrides: unknown, get: Get): unknown {
    if (entry.scope === 'singleton') {
      if (overrides !== undefined) {
        throw new InvalidPluginOptionsError(entry.alias, [
          { path: [], message: 'a singleton plugin is built once per container and takes no per-call options' },
        ]);
      }
      if (this.#singletons.has(entry)) return this.#singletons.get(entry);
      const instance = constructPlugin(entry, cloneOptions(entry.params), get);
      this.#singletons.set(entry, instance);
      return instance;
    }
    return constructPlugin(entry, optionsFor(entry, overrides), get);
  }
}

/** A fresh copy of the entry's params with `overrides` (checked) merged in. */
function optionsFor(entry: RegisteredPlugin, overrides: unknown): unknown {
  if (overrides === undefined) return cloneOptions(entry.params);
  if (!isPlainObject(overrides)) {
    throw new InvalidPluginOptionsError(entry.alias, [
      { path: [], message: `options must be a plain object, got ${describeValue(overrides)}` },
    ]);
  }
  const { copy, issues } = copyOptions(overrides);
  if (issues.length > 0) throw new InvalidPluginOptionsError(entry.alias, issues);
  return cloneOptions(mergeOptions(entry.params, copy));
}

function matchesAlias(name: MetadataName | undefined, key: string): boolean {
  return typeof name === 'string' && normalizeAlias(name) === key;
}
