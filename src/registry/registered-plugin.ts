import type { LazySource, LazyTarget } from './lazy-target.js';
import type { PluginClass, PluginEntry, PluginScope, RecommendationEnv } from './plugin-entry.js';
import type { PluginOrder, PluginOrderTarget } from './plugin-order.js';
import type { InjectedDependency } from './plugin-dependency.js';
import type { PluginCheck, PluginIncompatibility, PluginRequirement, PluginRules } from './plugin-rules.js';
import type { StandardSchemaV1 } from './standard-schema.js';
import { declaresSetup } from './plugin-setup.js';
import { noRare, rareFields, type Rare } from './rare-fields.js';
import type { OptionRules } from './validate-options.js';
import type { CallSite } from '../internal/call-site.js';
import { hasOwnMetadata } from '../internal/metadata.js';
import { cloneOptions, deepFreeze, hasOnlyScalars, isPlainObject } from '../internal/options.js';
import { nameOf, truncate } from '../internal/quote.js';

/** The params of a registration that gives none: `{}`, so that callers can spread and compare them without a check. */
const NO_PARAMS: Readonly<Record<string, never>> = Object.freeze({});

/** Bits of `RegisteredPlugin.#flags`. */
const SINGLETON = 1;
/** The params are a plain object of scalars: a spread copies them. */
const FLAT = 2;
/** The answer of `declaresInjection` for the key it was first asked about. */
const INJECTS = 4;
/** `declaresSetup` was asked; its answer is the SETUP bit. */
const SETUP_KNOWN = 8;
const SETUP = 16;
/** The params are a plain object (nested or not): overrides merge into them key by key. */
const OBJECT = 32;

/** The registry's own record of one registration. */
export class RegisteredPlugin implements PluginEntry, OptionRules {
  #target: PluginClass | undefined;
  /** The key `declaresInjection` was first asked about; its answer is the INJECTS bit. */
  #injectionKey: string | undefined;
  /** The checked params, unfrozen and private: copies are made from it (V8 spreads a frozen object slowly). */
  readonly #template: unknown;
  /** Where it was registered; private, so that inspecting an entry does not format a stack. */
  #callSite: CallSite;
  #flags: number;
  #rare: Rare | undefined;

  constructor(
    readonly key: string,
    readonly alias: string,
    readonly kind: string,
    target: PluginClass | LazyTarget,
    readonly description: string | undefined,
    readonly recommendedWhen: string | undefined,
    params: unknown,
    /** `params` is a spread copy holding scalars only (copyFlatObject's): kept as the template as it is. */
    flatCopy: boolean,
    scope: PluginScope,
    callSite: CallSite,
    schema: StandardSchemaV1 | undefined,
    optionKeys: readonly string[] | undefined,
    recommend: ((env: RecommendationEnv) => boolean | number) | undefined,
    rules?: PluginRules,
    inject?: readonly InjectedDependency[],
    setupTimeoutMs?: number,
    more?: {
      readonly secretOptions: readonly string[] | undefined;
      readonly givenKeys: readonly string[] | undefined;
      readonly allowUnknownOptions?: boolean;
    },
  ) {
    this.#callSite = callSite;
    const object = flatCopy || isPlainObject(params);
    const flat = flatCopy || (object && hasOnlyScalars(params as Record<string, unknown>));
    this.#flags = (scope === 'singleton' ? SINGLETON : 0) | (flat ? FLAT : 0) | (object ? OBJECT : 0);
    // `params` is the registration's own checked copy, which nothing else holds. A flat one is a spread copy
    // (made here if it is not one yet), so that the template has exactly its own fields (and the shape copies
    // are spread from).
    this.#template = flat && !flatCopy ? { ...(params as Record<string, unknown>) } : params;
    const lazy = typeof target === 'function' ? undefined : target;
    if (!lazy) this.#target = target as PluginClass;
    // Asked here, so that a plain registration makes no side object and calls nothing more.
    if (schema || optionKeys || recommend || rules || inject || lazy || setupTimeoutMs !== undefined || more) {
      this.#rare = rareFields(schema, optionKeys, recommend, rules, inject, lazy, setupTimeoutMs, more);
    }
  }

  get scope(): PluginScope {
    return this.#flags & SINGLETON ? 'singleton' : 'transient';
  }

  get schema(): StandardSchemaV1 | undefined {
    return this.#rare?.schema;
  }

  get optionKeys(): readonly string[] | undefined {
    return this.#rare?.optionKeys;
  }

  /** True if the registration takes option keys it does not declare (`allowUnknownOptions: true`). */
  get allowUnknownOptions(): boolean {
    return this.#rare?.allowUnknownOptions ?? false;
  }

  /** The top-level keys of the registered params (none when they are not a plain object), read without copying. */
  paramKeys(): string[] {
    return this.#flags & OBJECT ? Object.keys(this.#template as Record<string, unknown>) : [];
  }

  get secretOptions(): readonly string[] | undefined {
    return this.#rare?.secretOptions;
  }

  /** True if the registration's params gave `key` (false for a default the schema filled into them). */
  paramsGave(key: string): boolean {
    const given = this.#rare?.givenKeys;
    if (given) return given.includes(key);
    const params = this.params;
    return isPlainObject(params) && Object.hasOwn(params, key);
  }

  get recommend(): ((env: RecommendationEnv) => boolean | number) | undefined {
    return this.#rare?.recommend;
  }

  get rules(): PluginRules | undefined {
    return this.#rare?.rules;
  }

  /** The constructor's dependencies, when the registration declares them as data. */
  get inject(): readonly InjectedDependency[] | undefined {
    return this.#rare?.inject;
  }

  /** The registration's limit on its async set-up, in milliseconds; undefined: the container's (if any). */
  get setupTimeoutMs(): number | undefined {
    return this.#rare?.setupTimeoutMs;
  }

  /** Where a manifest entry's class comes from; undefined for a class registered in this process. */
  get lazy(): LazySource | undefined {
    return this.#rare?.lazy;
  }

  /** Whether the registered params are a plain object (and so merge with overrides key by key). */
  get objectParams(): boolean {
    return (this.#flags & OBJECT) !== 0;
  }

  /** A fresh, mutable copy of `params` as registered (undefined if none were given), for one instance. */
  copyParams(): unknown {
    // A method, not a closure per registration: 100 B less per plugin, and the spread's feedback is shared alike.
    return this.#flags & FLAT ? { ...(this.#template as Record<string, unknown>) } : cloneOptions(this.#template);
  }

  /**
   * True if the registration declares `inject`, or the class carries a container's injection metadata under
   * `key`: the container must then build it. Asked at the first resolve (when every decorator has run), then remembered.
   */
  declaresInjection(key: string): boolean {
    // Dependencies declared as data are resolved through whichever container builds the plugin.
    if (this.#rare?.inject) return true;
    // One container kind asks in nearly every program: its answer is kept in a field and a bit, others in a map.
    if (key === this.#injectionKey) return (this.#flags & INJECTS) !== 0;
    if (this.#injectionKey === undefined) {
      const injects = hasOwnMetadata(this.target, key);
      if (injects) this.#flags |= INJECTS;
      this.#injectionKey = key;
      return injects;
    }
    const injection = (this.#rare ??= noRare()).injection ?? new Map<string, boolean>();
    this.#rare.injection = injection;
    let found = injection.get(key);
    if (found === undefined) {
      found = hasOwnMetadata(this.target, key);
      injection.set(key, found);
    }
    return found;
  }

  /**
   * True for a loaded, transient class without async set-up and without injection metadata under `key`: what
   * a container builds with `new` alone. Answered from the flags once `declaresSetup` and `declaresInjection(key)`
   * have been asked.
   */
  buildsPlain(key: string): boolean {
    const flags = this.#flags;
    if (key === this.#injectionKey && (flags & SETUP_KNOWN) !== 0 && this.#rare === undefined) {
      return (flags & (SINGLETON | INJECTS | SETUP)) === 0;
    }
    return this.#buildsPlainAsked(key);
  }

  /** `buildsPlain` the first time, or for a record with rare fields: asks each question. */
  #buildsPlainAsked(key: string): boolean {
    return this.lazy === undefined && this.scope === 'transient' && !this.declaresSetup && !this.declaresInjection(key);
  }

  /** True if the class declares async set-up (`[pluginSetup]` on its prototype chain). Asked at the first resolve, then remembered. */
  get declaresSetup(): boolean {
    if (!(this.#flags & SETUP_KNOWN)) this.#flags |= SETUP_KNOWN | (declaresSetup(this.target) ? SETUP : 0);
    return (this.#flags & SETUP) !== 0;
  }

  /**
   * The variant's params, deeply frozen; `{}` if the registration gives none. Made at the first read, so that
   * registering copies them only once.
   */
  get params(): PluginEntry['params'] {
    const rare = (this.#rare ??= noRare());
    rare.frozen ??= this.#template === undefined ? NO_PARAMS : deepFreeze(cloneOptions(this.#template));
    return rare.frozen as PluginEntry['params'];
  }

  /** The identity of this registration in a container: the class is bound under it when inversify builds it. */
  get serviceId(): symbol {
    const rare = (this.#rare ??= noRare());
    rare.serviceId ??= Symbol(`plugboard:${this.alias}`);
    return rare.serviceId;
  }

  /** The plugin class. For a manifest entry, reading it imports the module that registers the class. */
  get target(): PluginClass {
    return this.load();
  }

  /** The plugin class, importing the module of a manifest entry first (once). */
  load(): PluginClass {
    this.#target ??= (this.#rare?.load as () => PluginClass)();
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

  get order(): PluginOrder | undefined {
    return this.rules?.ordering?.order;
  }

  get before(): readonly PluginOrderTarget[] | undefined {
    return this.rules?.ordering?.before;
  }

  get after(): readonly PluginOrderTarget[] | undefined {
    return this.rules?.ordering?.after;
  }

  get source(): string | undefined {
    return this.#callSite.location();
  }

  /**
   * Takes the place of `first`, an equivalent registration made earlier (the same registration run again):
   * where it was registered stays where `first` was, so that messages name the original line.
   */
  continues(first: RegisteredPlugin): void {
    this.#callSite = first.#callSite;
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
}
