import type { DeprecatedAlias } from './deprecated-aliases.js';
import { formatListing, formatListingLine } from './format-listing.js';
import type {
  KindOptions,
  LazyRegistration,
  ListingOptions,
  PluginChange,
  PluginClass,
  PluginDefinition,
  PluginEntry,
  PluginHandle,
  RecommendationEnv,
} from './plugin-entry.js';
import { recommendFor, type Recommendation } from './recommend.js';
import { functionArgument, kindFilter, readArgument } from './arguments.js';
import type { PluginHost } from './plugin-host.js';
import { RegistryCore } from './registry-core.js';
import { attachInternals } from './registry-internals.js';
import { CapturedCallSite } from '../internal/call-site.js';

/** What a registration says about a plugin: the argument of `@RegisterPlugin` and `registry.register`. */
export interface PluginRegistration<TOptions = unknown> extends PluginDefinition<TOptions> {
  /** The registry to register in. Default `pluginsRegistry`. */
  registry?: PluginRegistry;
}

/** The options of `new PluginRegistry(options)`. */
export interface PluginRegistryOptions {
  /**
   * Record where each plugin is registered (file and line), for error messages and `plugboard describe`.
   * Default true; about 2 µs a registration, so a program that registers many generated variants may turn it off.
   */
  sources?: boolean;
  /**
   * The program plugins are loaded into. Discovery into this registry skips, without importing it, a plugin
   * package whose `peerDependencies[host.name]` (or `"plugboard": { "hosts": { [host.name]: range } }`) does
   * not include `host.version`, and reports a `PluginIncompatibleError`. Default: none, nothing is checked.
   */
  host?: PluginHost;
}

/**
 * A set of plugins by alias. Every registration can be undone: its handle brings back what it replaced.
 *
 * @example
 * const registry = new PluginRegistry();
 * registry.register(DdpStrategy, { alias: 'ddp', kind: 'strategy', description: 'Distributed data parallel' });
 * registry.availablePlugins(); // ['ddp']
 */
export class PluginRegistry {
  readonly #core: RegistryCore;

  /** Throws PluginRegistrationError if `options` are not what {@link PluginRegistryOptions} says. */
  constructor(options: PluginRegistryOptions = {}) {
    this.#core = new RegistryCore(this, options);
    attachInternals(this, this.#core);
  }

  /** Registers `target` under `options.alias`. Throws a PluginError, changing nothing, if the registration is refused. */
  register<TInstance, TOptions>(
    target: PluginClass<TInstance>,
    options: PluginRegistration<TOptions>,
  ): PluginHandle<TInstance, TOptions> {
    // Taken here, in the function the user called, so that the frame below this one is the user's.
    return this.#core.registerAt(target, options, this.#core.sources ? new CapturedCallSite() : undefined);
  }

  /**
   * Registers a plugin known from a manifest without importing its module: listings, look-ups and
   * recommendations use what the manifest says, and the first resolve calls `load` (which imports the
   * module, whose decorators register the real class in its place).
   */
  registerLazy(options: LazyRegistration): PluginHandle {
    return this.#core.registerLazy(options);
  }

  /** The plugin modules that failed to import, with their errors. */
  loadErrors(): { module: string; error: unknown }[] {
    return this.#core.loadErrors();
  }

  /** Removes the plugin under `alias` (with every registration it replaced). True if there was one. */
  unregister(alias: string): boolean {
    return this.#core.unregister(alias);
  }

  /** Removes every plugin. Handles made before stay safe to dispose. */
  clear(): void {
    this.#core.clear();
  }

  /** True if `alias` (ignoring case and `-`/`_`) is registered. */
  has(alias: string): boolean {
    return this.find(alias) !== undefined;
  }

  /** The entry under `alias`, or undefined. */
  find(alias: string): PluginEntry | undefined {
    return this.#core.lookup(alias);
  }

  /** The entry under `alias`; throws UnknownPluginError with suggestions if there is none. */
  get(alias: string, kind?: string): PluginEntry {
    return this.#core.require(alias, kind);
  }

  /**
   * Keeps `alias` working as a deprecated name of `successor`: look-ups find the successor, and the first
   * use in the process emits a DeprecationWarning naming it. Dispose the handle to remove the alias.
   *
   * @example
   * registry.deprecate('deepspeed_stage_3_offload', 'deepspeed_zero_3_offload', { message: 'Removed in 2.0.' });
   */
  deprecate(
    alias: string,
    successor: string,
    options: { message?: string } = {},
  ): Disposable & {
    /** Undoes it, as `[Symbol.dispose]()` does. */
    dispose(): void;
  } {
    return this.#core.deprecate(alias, successor, options);
  }

  /** The deprecated aliases, with their successors and how often they were used. */
  deprecations(): DeprecatedAlias[] {
    return this.#core.deprecations();
  }

  /**
   * Declares how a kind behaves in selections: `exclusive` kinds (one strategy, one precision) allow one
   * plugin per selection; `default` is the alias `resolveAll` fills in when a selection has none of the kind;
   * a `required` kind must be in every selection (PluginRequiredError otherwise).
   *
   * @example
   * registry.defineKind('precision', { exclusive: true, default: '32-true' });
   */
  defineKind(kind: string, options: KindOptions): void {
    this.#core.defineKind(kind, options);
  }

  /**
   * The plugins whose `recommend` predicate holds for `env` (devices, memory, model size, anything the
   * framework passes), best first, each with the reason.
   */
  recommend(env: RecommendationEnv, filter: { kind?: string } = {}): Recommendation[] {
    return recommendFor(this.#core.records(kindFilter(filter, 'recommend()')), env);
  }

  /** The entries, sorted by alias, optionally of one kind. */
  list(filter: { kind?: string } = {}): PluginEntry[] {
    return this.#core.records(kindFilter(filter, 'list()'));
  }

  /** The kinds that have at least one plugin, sorted. */
  kinds(): string[] {
    return this.#core.kinds();
  }

  /**
   * The sorted aliases; with `withDescriptions`/`withRecommendations`, one line per plugin as the RFC prints them:
   * `deepspeed_zero_3_offload: ZeRO stage 3 with CPU offload, recommended when: largest models, little GPU memory`.
   */
  availablePlugins(options: ListingOptions = {}): string[] {
    const keys = ['kind', 'withDescriptions', 'withRecommendations'] as const;
    const { withDescriptions, withRecommendations } = readArgument(options, 'availablePlugins()', keys);
    return this.#core
      .records(kindFilter(options, 'availablePlugins()', keys))
      .map((entry) => formatListingLine(entry, withDescriptions === true, withRecommendations === true));
  }

  /** The listing for people: plugins grouped by kind, with descriptions and recommendations. */
  toString(): string {
    return formatListing(this.#core.records(), (kind) => this.#core.definedKinds().get(kind)?.default);
  }

  /**
   * Runs `fn` (sync or async) and then undoes every registration made inside it (in its async context),
   * also when it throws. Returns what `fn` returns. The registrations are undone, not hidden: other async
   * flows see them while `fn` runs. For isolation, use a `clone()` of the registry (or `createTestContainer`).
   */
  scoped<T>(fn: () => T): T {
    return this.#core.scoped(fn);
  }

  /** A new registry with the same plugins as this one now; changes to either are not seen by the other. */
  clone(): PluginRegistry {
    const copy = emptyRegistry(this.#core.sources);
    this.#core.copyTo(copy.#core);
    return copy;
  }

  /** Calls `listener` after every change to the visible entries. Dispose the result to stop. */
  onChange(listener: (change: PluginChange) => void): Disposable & {
    /** Stops the listener, as `[Symbol.dispose]()` does. */
    dispose(): void;
  } {
    functionArgument(listener, 'onChange()', 'the listener');
    return this.#core.subscribe((type, entry) => {
      listener({ type, entry });
    });
  }
}

/**
 * A new, empty registry. Outside the class so that the class never names itself inside its body: a bundler
 * would then give it an inner name (`class _PluginRegistry`), which becomes its `name` (see scripts/build.mjs).
 */
function emptyRegistry(sources: boolean): PluginRegistry {
  return new PluginRegistry({ sources });
}
