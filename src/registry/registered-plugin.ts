import type { PluginClass, PluginEntry, PluginScope, RecommendationEnv } from './plugin-entry.js';
import type { PluginCheck, PluginIncompatibility, PluginRequirement, PluginRules } from './plugin-rules.js';
import type { StandardSchemaV1 } from './standard-schema.js';
import { declaresSetup } from './plugin-setup.js';
import type { OptionRules } from './validate-options.js';
import type { CallSite } from '../internal/call-site.js';
import { hasOwnMetadata } from '../internal/metadata.js';
import { cloneOptions, copierFor, deepFreeze, isPlainObject, optionsEqual } from '../internal/options.js';
import { nameOf, truncate } from '../internal/quote.js';

/** Where a plugin known from a manifest is defined: the module to import and the class it exports. */
export interface LazySource {
  readonly module: string;
  readonly exportName: string | undefined;
}

/** A class that is not loaded yet: `load` imports its module and returns the class it registered. */
export interface LazyTarget {
  readonly source: LazySource;
  readonly load: () => PluginClass;
}

/** The params of a registration that gives none: `{}`, so that callers can spread and compare them without a check. */
const NO_PARAMS: Readonly<Record<string, never>> = Object.freeze({});

/** The registry's own record of one registration. */
export class RegisteredPlugin implements PluginEntry, OptionRules {
  #serviceId: symbol | undefined;
  #target: PluginClass | undefined;
  #injectionKey: string | undefined;
  #injects = false;
  #injection: Map<string, boolean> | undefined;
  #setup: boolean | undefined;
  /** The checked params, unfrozen and private: copies are made from it (V8 spreads a frozen object slowly). */
  readonly #template: unknown;
  #frozen: unknown;
  readonly #load: (() => PluginClass) | undefined;
  /** Where a manifest entry's class comes from; undefined for a class registered in this process. */
  readonly lazy: LazySource | undefined;
  /** A fresh, mutable copy of `params` as registered (undefined if none were given), for one instance. */
  readonly copyParams: () => unknown;
  /** Whether the registered params are a plain object (and so merge with overrides key by key). */
  readonly objectParams: boolean;

  constructor(
    readonly key: string,
    readonly alias: string,
    readonly kind: string,
    target: PluginClass | LazyTarget,
    readonly description: string | undefined,
    readonly recommendedWhen: string | undefined,
    params: unknown,
    readonly scope: PluginScope,
    readonly callSite: CallSite,
    readonly schema: StandardSchemaV1 | undefined,
    readonly optionKeys: readonly string[] | undefined,
    readonly recommend: ((env: RecommendationEnv) => boolean | number) | undefined,
    readonly rules?: PluginRules,
  ) {
    // `params` is the registration's own checked copy, which nothing else holds: it is the template.
    this.#template = params;
    this.copyParams = copierFor(params);
    this.objectParams = isPlainObject(params);
    if (typeof target === 'function') {
      this.#target = target;
    } else {
      this.lazy = target.source;
      this.#load = target.load;
    }
  }

  /**
   * True if the class carries a container's injection metadata under `key`, so that the container must
   * build it. Asked at the first resolve (when every decorator has run), then remembered.
   */
  declaresInjection(key: string): boolean {
    // One container kind asks in nearly every program: its answer is kept in two fields, others in a map.
    if (key === this.#injectionKey) return this.#injects;
    if (this.#injectionKey === undefined) {
      this.#injects = hasOwnMetadata(this.target, key);
      this.#injectionKey = key;
      return this.#injects;
    }
    this.#injection ??= new Map();
    let found = this.#injection.get(key);
    if (found === undefined) {
      found = hasOwnMetadata(this.target, key);
      this.#injection.set(key, found);
    }
    return found;
  }

  /** True if the class declares async set-up (`[pluginSetup]` on its prototype chain). Asked at the first resolve, then remembered. */
  get declaresSetup(): boolean {
    this.#setup ??= declaresSetup(this.target);
    return this.#setup;
  }

  /**
   * The variant's params, deeply frozen; `{}` if the registration gives none. Made at the first read, so that
   * registering copies them only once.
   */
  get params(): PluginEntry['params'] {
    this.#frozen ??= this.#template === undefined ? NO_PARAMS : deepFreeze(cloneOptions(this.#template));
    return this.#frozen as PluginEntry['params'];
  }

  /** The identity of this registration in a container: the class is bound under it when inversify builds it. */
  get serviceId(): symbol {
    this.#serviceId ??= Symbol(`plugboard:${this.alias}`);
    return this.#serviceId;
  }

  /** The plugin class. For a manifest entry, reading it imports the module that registers the class. */
  get target(): PluginClass {
    return this.load();
  }

  /** The plugin class, importing the module of a manifest entry first (once). */
  load(): PluginClass {
    this.#target ??= (this.#load as () => PluginClass)();
    return this.#target;
  }

  get requires(): PluginRequirement | undefined {
    return this.rules?.requires;
  }

  get incompatibleWith(): readonly PluginIncompatibility[] | undefined {
    return this.rules?.incompatibleWith;
  }

  get check(): PluginCheck | undefined {
    return this.rules?.check;
  }

  get source(): string | undefined {
    return this.callSite.toString();
  }

  /** `ClassName (file:line)`, for messages. */
  describe(): string {
    if (this.lazy) {
      return `${this.lazy.exportName === undefined ? 'a class' : truncate(this.lazy.exportName)} (${truncate(this.lazy.module)}, from the manifest)`;
    }
    const name = nameOf(this.target);
    const source = this.source;
    return source === undefined ? name : `${name} (${truncate(source)})`;
  }

  /** The class's own `name`, read safely (a getter may throw); undefined for a manifest entry or no name. */
  get className(): string | undefined {
    if (this.lazy) return undefined;
    try {
      const name: unknown = this.target.name;
      return typeof name === 'string' ? name : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * The same registration made again: the same class (or a re-evaluated copy of it from the same
   * place, as after a jest module reset) with the same alias, kind, texts and options.
   */
  isEquivalent(other: RegisteredPlugin): boolean {
    if (this.lazy || other.lazy) return false;
    const sameClass =
      this.target === other.target ||
      (this.className !== undefined &&
        this.className === other.className &&
        this.source !== undefined &&
        this.source === other.source);
    return (
      sameClass &&
      this.alias === other.alias &&
      this.kind === other.kind &&
      this.scope === other.scope &&
      this.description === other.description &&
      this.recommendedWhen === other.recommendedWhen &&
      optionsEqual(this.params, other.params)
    );
  }
}
