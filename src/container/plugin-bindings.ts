import type { BindingIdentifier, BoundServiceSyntax, ContainerModuleLoadOptions, ResolutionContext } from 'inversify';
import { currentPluginOptions, type ClassBuilder } from './construct-plugin.js';
import { PluginFactory } from './plugin-factory.js';
import { isOverridden, watchOverrides, type OverrideWatcher } from './plugin-overrides.js';
import { PLUGIN_OPTIONS } from './plugin-options.js';
import { pluginToken } from './plugin-token.js';
import { hasOwnMetadata } from '../internal/metadata.js';
import { messageOf } from '../internal/quote.js';
import { PluginRegistrationError } from '../errors/plugin-registration-error.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import type { InjectedDependency } from '../registry/plugin-dependency.js';
import type { RegisteredPlugin } from '../registry/registered-plugin.js';
import type { RegistryCore } from '../registry/registry-core.js';
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

  resolve(dependency: InjectedDependency): unknown {
    const { token, optional, name } = dependency;
    if (name === undefined) return optional ? this.context.get(token, { optional }) : this.context.get(token);
    return optional ? this.context.get(token, { optional, name }) : this.context.get(token, { name });
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

/** What a singleton or an injected class has bound: its named binding, its class (when inversify builds it), and, while a singleton is overridden, a transient twin. */
interface Bound {
  plugin: Binding;
  readonly service: Binding | undefined;
  /** The transient binding that stands in for a singleton's cached one while an override of it lasts. */
  twin: Binding | undefined;
}

/**
 * A binding made, to unbind later: inversify's last fluent object of it, whose `getIdentifier()` makes the
 * identifier when it is needed (the fluent object is the smaller of the two).
 */
type Binding = BoundServiceSyntax;

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
  /** Every bound entry: its named binding, or a Bound when it has more than that. */
  readonly #bound = new Map<RegisteredPlugin, Binding | Bound>();
  /** The bound singletons whose instance inversify caches, by key: the ones an override switches to a twin. */
  readonly #cached = new Map<string, Map<RegisteredPlugin, Bound>>();
  readonly #flowAliases = new Map<string, { readonly id: BindingIdentifier; count: number }>();
  readonly factory: PluginFactory;
  #lastKind: string | undefined;
  #lastToken = Symbol();

  constructor(
    readonly registry: PluginRegistry,
    readonly options: ContainerModuleLoadOptions,
    setupTimeoutMs?: number,
  ) {
    this.factory = new PluginFactory(registry, setupTimeoutMs);
    watchOverrides(this.factory, this);
    watchOverrides(registry, this);
    // A disposed container throws PluginDisposedError for every plugin: its cached singletons must not be served.
    this.factory.onDispose(() => {
      for (const key of [...this.#cached.keys()]) this.overridden(key);
    });
  }

  /** Binds PLUGIN_OPTIONS, the factory and every current entry. */
  bindAll(): void {
    this.options.bind(PLUGIN_OPTIONS).toDynamicValue(currentPluginOptions).inTransientScope();
    this.options.bind(PLUGIN_FACTORY).toConstantValue(this.factory);
    // Variants of one class are usually registered together: ask for its metadata once per run of them, in the
    // order they were registered (binding needs no sorted listing, and that order keeps the runs whole).
    let target: object | undefined;
    let injected = false;
    for (const entry of this.factory.core.unsortedRecords()) {
      if (!entry.lazy && entry.target !== target) {
        target = entry.target;
        injected = hasOwnMetadata(entry.target, INVERSIFY_CLASS_METADATA);
      }
      this.add(entry, !entry.lazy && injected);
    }
  }

  /** Binds `entry`; `injected` says whether its class has inversify metadata (asked here if not given). */
  add(entry: RegisteredPlugin, injected?: boolean): void {
    if (isFlowAlias(entry)) {
      this.#addFlowAlias(entry);
      return;
    }
    // A manifest entry is bound by name only: reading its class would import its module. A registration that
    // declares `inject` is built by the factory, which resolves each dependency through the context.
    const hasMetadata =
      !entry.inject && (injected ?? (!entry.lazy && hasOwnMetadata(entry.target, INVERSIFY_CLASS_METADATA)));
    const service = hasMetadata ? this.#bindService(entry) : undefined;
    const plain = !entry.lazy && !hasMetadata && !entry.inject;
    if (!isCached(entry)) {
      const plugin = this.#bindTransient(entry, plain);
      // Most entries have their named binding alone: its identifier is all there is to keep.
      this.#bound.set(entry, service ? { plugin, service, twin: undefined } : plugin);
      return;
    }
    const bound: Bound = { plugin: undefined as unknown as Binding, service, twin: undefined };
    bound.plugin = this.#bindCached(entry, plain, bound);
    this.#bound.set(entry, bound);
    const byEntry = this.#cached.get(entry.key) ?? new Map<RegisteredPlugin, Bound>();
    this.#cached.set(entry.key, byEntry.set(entry, bound));
    this.overridden(entry.key);
  }

  remove(entry: RegisteredPlugin): void {
    if (isFlowAlias(entry)) {
      this.#removeFlowAlias(entry);
      return;
    }
    const bound = this.#bound.get(entry);
    if (bound !== undefined && !isBound(bound)) {
      this.#unbind(bound);
    } else {
      for (const binding of [bound?.plugin, bound?.service, bound?.twin]) if (binding) this.#unbind(binding);
    }
    this.#bound.delete(entry);
    const byEntry = this.#cached.get(entry.key);
    if (byEntry?.delete(entry) && byEntry.size === 0) this.#cached.delete(entry.key);
    this.factory.forget(entry);
  }

  /** Switches the singletons under `key` between inversify's cached binding and the transient twin (overridden or disposed). */
  overridden(key: string): void {
    const byEntry = this.#cached.get(key);
    if (!byEntry) return;
    const active = this.factory.disposed || isOverridden(this.factory, key) || isOverridden(this.registry, key);
    for (const [entry, bound] of byEntry) {
      if (active === (bound.twin !== undefined)) continue;
      if (active) {
        bound.twin = this.#bindTransient(entry, bound.service === undefined);
      } else {
        const twin = bound.twin as Binding;
        bound.twin = undefined;
        this.#unbind(twin);
      }
    }
  }

  /**
   * Binds the class under the entry's identity for inversify to build. When inversify cannot read the class's
   * constructor dependencies, that binding throws, at resolve, an error that says how to declare them.
   */
  #bindService(entry: RegisteredPlugin): Binding {
    try {
      return this.options.bind(entry.serviceId).to(entry.target).inTransientScope();
    } catch (error) {
      const failure = unreadableDependencies(error);
      return this.options
        .bind(entry.serviceId)
        .toDynamicValue(() => {
          throw failure;
        })
        .inTransientScope();
    }
  }

  /** Binds a singleton under its name, in singleton scope while it has no twin. */
  #bindCached(entry: RegisteredPlugin, plain: boolean, cached: Bound): Binding {
    const { core } = this.factory;
    const bind = this.options.bind(this.#token(entry.kind));
    return (
      plain
        ? bind.toDynamicValue(() => this.factory.create(entry, undefined, PLAIN_BUILDER))
        : bind.toDynamicValue((context) => this.factory.create(entry, undefined, new InversifyBuilder(context)))
    )
      .inSingletonScope()
      .when((request) => cached.twin === undefined && names(core, request.name, entry.key));
  }

  /**
   * Binds the entry under its name, transient. A method of its own, so that its two closures share a context
   * that holds this and the entry alone (about 10,000 of them for 10,000 variants). A class inversify does not
   * build (`plain`) needs no resolution context: one shared builder serves it. (A dynamic value, not a resolved
   * one: a resolved value's metadata costs about 65 B more per binding, and was no faster relative to raw
   * inversify: see the Resolve finding in bench/run.ts.)
   */
  #bindTransient(entry: RegisteredPlugin, plain: boolean): Binding {
    const { core } = this.factory;
    const bind = this.options.bind(this.#token(entry.kind));
    // Transient said explicitly: the container pluginModule() is loaded into may default to singleton scope.
    return (
      plain
        ? bind.toDynamicValue(() => this.factory.create(entry, undefined, PLAIN_BUILDER))
        : bind.toDynamicValue((context) => this.factory.create(entry, undefined, new InversifyBuilder(context)))
    )
      .inTransientScope()
      .when((request) => names(core, request.name, entry.key));
  }

  /** The kind's token: entries of one kind are usually bound in a run, so the last one is kept. */
  #token(kind: string): symbol {
    if (kind !== this.#lastKind) {
      this.#lastToken = pluginToken(kind) as symbol;
      this.#lastKind = kind;
    }
    return this.#lastToken;
  }

  #unbind(binding: Binding): void {
    this.options.unbind(binding.getIdentifier());
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
      .bind(this.#token(entry.kind))
      .toDynamicValue((context) =>
        this.factory.create(core.require(entry.alias, entry.kind), undefined, new InversifyBuilder(context)),
      )
      .inTransientScope()
      .when((request) => names(core, request.name, entry.key))
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

/**
 * What resolving a class whose @inject metadata inversify refused to read throws (a class compiled without
 * decorator metadata, with some constructor parameters not decorated).
 */
function unreadableDependencies(error: unknown): PluginRegistrationError {
  const cause = messageOf(error);
  const missing = /missing metadata/i.test(cause);
  return new PluginRegistrationError(
    missing
      ? `inversify cannot tell its constructor's dependencies: some parameters have no @inject and the class was ` +
          `compiled without decorator metadata (tsx, esbuild, vitest and swc emit none by default). Declare them ` +
          `in the registration instead, inject: [PLUGIN_OPTIONS, ...tokens], or put @inject(token) on every ` +
          `parameter, or set "experimentalDecorators" and "emitDecoratorMetadata" to true in tsconfig.json. ` +
          `inversify said: ${cause}`
      : `inversify could not read its constructor's dependencies: ${cause}`,
    { cause: error },
  );
}

/**
 * Whether a binding of the entry under `key` answers a request for `name`. Inversify asks every binding of a
 * token when it plans a name: most names are the key itself, which one comparison answers without a look-up.
 */
function names(core: Pick<RegistryCore, 'canonicalKey'>, name: unknown, key: string): boolean {
  return name === key || (typeof name === 'string' && core.canonicalKey(name) === key);
}

/** Whether inversify caches the entry's instance: a singleton whose class is loaded. */
function isCached(entry: RegisteredPlugin): boolean {
  return entry.scope === 'singleton' && !entry.lazy;
}

function isBound(value: Binding | Bound): value is Bound {
  return 'plugin' in value;
}
