import type { PluginOrder, PluginOrderTarget } from './plugin-order.js';
import type { InjectedDependency, PluginDependency } from './plugin-dependency.js';
import type { PluginCheck, PluginIncompatibility, PluginRequirement } from './plugin-rules.js';
import type { StandardSchemaV1 } from './standard-schema.js';

/** How many instances a container makes of a plugin: a new one per resolve, or one per container. */
export type PluginScope = 'singleton' | 'transient';

/** A class that can be registered as a plugin. Its first constructor argument receives the variant's options. */
export type PluginClass<TInstance = unknown> = new (...args: never[]) => TInstance;

/**
 * What a registration says about a plugin, whichever registry holds it: `PluginRegistration` without
 * `registry`.
 */
export interface PluginDefinition<TOptions = unknown> {
  /** The name users select the plugin by; unique in its registry, compared ignoring case and `-`/`_`. */
  alias: string;
  /** One line for people: what the plugin does. */
  description?: string;
  /** One line for people: when to choose it. */
  recommendedWhen?: string;
  /** The plugin's kind, such as `'strategy'`; one container token per kind. Default `'plugin'`. */
  kind?: string;
  /**
   * The variant's options, passed (as a fresh copy) to the constructor. Default: none; the constructor then
   * receives `undefined` unless options are passed when resolving.
   */
  params?: TOptions;
  /** Replace a registration that holds the alias (disposing this one brings it back). Default `false`. */
  override?: boolean;
  /** `'transient'` (default): a new instance per resolve; `'singleton'`: one per container. */
  scope?: PluginScope;
  /**
   * The longest its async set-up (`[pluginSetup]()`) may take, in milliseconds (a whole number from 1 to
   * 2147483647). When it passes, `resolveAsync` / `resolveAllAsync` reject with PluginSetupTimeoutError. It wins
   * over the container's `setupTimeoutMs`. Default: the container's, and without one no limit.
   */
  setupTimeoutMs?: number;
  /**
   * A Standard Schema (zod, valibot, arktype, ...) for the options: `params` are checked when registered,
   * overrides when resolved, and the constructor receives the schema's output.
   */
  schema?: StandardSchemaV1;
  /**
   * Option keys the plugin takes besides those its schema and its variants' params name. An option key that
   * none of these declares is refused, with a did-you-mean (unless `allowUnknownOptions`).
   */
  optionKeys?: readonly string[];
  /**
   * Take option keys the registration does not declare (open-ended options, such as environment variables
   * by name). Default false: an undeclared key is refused with a did-you-mean.
   */
  allowUnknownOptions?: boolean;
  /**
   * Option keys whose values are secrets (tokens, passwords): an explanation or a lock shows a fingerprint of
   * their values (`sha256:...`), never the values.
   */
  secretOptions?: readonly string[];
  /**
   * When the plugin suits an environment: true, or a score (higher is better), to recommend it in
   * `registry.recommend(env)`; `recommendedWhen` is shown as the reason.
   */
  recommend?: (env: RecommendationEnv) => boolean | number;
  /**
   * What the plugin needs of the rest of a selection: aliases that must all be selected, or per kind the
   * aliases one of which must be (`{ precision: ['16-mixed', 'bf16-mixed'] }`). Checked by `resolveAll`.
   */
  requires?: PluginRequirement;
  /**
   * The constructor's parameters, in order, as container tokens: the container resolves each and calls
   * `new Target(...values)`, so the class needs no decorators or decorator metadata. `PLUGIN_OPTIONS` stands
   * for the variant's options; `{ token, optional: true }` gives `undefined` when nothing is bound,
   * `{ token, name }` picks a named binding. Without it, the first parameter receives the options.
   */
  inject?: readonly PluginDependency[];
  /** What the plugin cannot run with: aliases, or `{ kind }` for every plugin of a kind. Checked by `resolveAll`. */
  incompatibleWith?: readonly PluginIncompatibility[];
  /** A rule that depends on options: returns why the selection cannot run, or undefined. Checked by `resolveAll`. */
  check?: PluginCheck;
  /**
   * `'first'` or `'last'`: before or after every other plugin of its kind (that does not declare the same).
   * `resolveAll` returns and builds a selection's plugins in an order that satisfies every declaration.
   */
  order?: PluginOrder;
  /** Plugins it runs before, when they are selected: aliases, or `{ kind }` for every plugin of a kind. */
  before?: readonly PluginOrderTarget[];
  /** Plugins it runs after, when they are selected: aliases, or `{ kind }` for every plugin of a kind. */
  after?: readonly PluginOrderTarget[];
}

/** What a framework knows about where it runs (devices, memory, model size, ...), for `recommend` predicates. */
export type RecommendationEnv = Readonly<Record<string, unknown>>;

/** A registered plugin, as the registry keeps it. Read-only; its `params` are a frozen copy. */
export interface PluginEntry<TInstance = unknown, TOptions = unknown> {
  readonly alias: string;
  readonly kind: string;
  readonly target: PluginClass<TInstance>;
  readonly description: string | undefined;
  readonly recommendedWhen: string | undefined;
  /** The variant's options: a frozen copy; `{}` (frozen) for a registration without params, never undefined. */
  readonly params: Readonly<Partial<TOptions>>;
  readonly scope: PluginScope;
  readonly schema: StandardSchemaV1 | undefined;
  readonly optionKeys: readonly string[] | undefined;
  /** True if the registration takes option keys it does not declare. */
  readonly allowUnknownOptions: boolean;
  /** Option keys whose values are secrets, shown only as fingerprints. */
  readonly secretOptions: readonly string[] | undefined;
  /** The registration's `recommend` predicate, if it has one. */
  readonly recommend: ((env: RecommendationEnv) => boolean | number) | undefined;
  readonly requires: PluginRequirement | undefined;
  readonly incompatibleWith: readonly PluginIncompatibility[] | undefined;
  readonly check: PluginCheck | undefined;
  /** `'first'`, `'last'`, or undefined: where it goes among the plugins of its kind. */
  readonly order: PluginOrder | undefined;
  /** Plugins it runs before, when selected. */
  readonly before: readonly PluginOrderTarget[] | undefined;
  /** Plugins it runs after, when selected. */
  readonly after: readonly PluginOrderTarget[] | undefined;
  /** The constructor's dependencies as the registration declared them (each as `{ token, optional, name }`). */
  readonly inject: readonly InjectedDependency[] | undefined;
  /** Where it was registered (`file:line`), when the stack showed it. */
  readonly source: string | undefined;
}

/** What `register` returns: dispose it (or leave a `using` block) to undo the registration. */
export interface PluginHandle<TInstance = unknown, TOptions = unknown> extends Disposable {
  readonly entry: PluginEntry<TInstance, TOptions>;
  /** False once disposed, or once the alias was unregistered or the registry cleared. */
  readonly active: boolean;
  /** Removes this registration and brings back the one it replaced, if any. Safe to call twice. */
  dispose(): void;
}

/** A change to a registry's visible entries, as `onChange` listeners receive it. */
export interface PluginChange {
  readonly type: 'added' | 'removed';
  readonly entry: PluginEntry;
}

/** Which entries a listing shows, and how much of each. */
export interface ListingOptions {
  /** Only plugins of this kind. */
  kind?: string;
  /** Add `: description` to each line. */
  withDescriptions?: boolean;
  /** Add `, recommended when: ...` to each line. */
  withRecommendations?: boolean;
}

/** A plugin known from a manifest: what a registration says, plus where its class is and how to load it. */
export interface LazyRegistration extends Omit<PluginDefinition, 'schema' | 'recommend' | 'check' | 'inject'> {
  /** The module that registers the plugin when imported (a path or package specifier, for messages). */
  module: string;
  /** The name of the class it exports, for messages. */
  exportName?: string;
  /** Imports the module synchronously (for example with `createRequire(...)(path)`). */
  load: () => void;
}

/** How a kind behaves in selections. */
export interface KindOptions {
  /** At most one plugin of the kind per selection (a trainer has one strategy). */
  exclusive?: boolean;
  /** The alias `resolveAll` fills in when a selection has no plugin of the kind. */
  default?: string;
  /** A selection must have a plugin of the kind (or the kind a default): `resolveAll` throws PluginRequiredError. */
  required?: boolean;
}
