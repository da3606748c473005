import { AsyncLocalStorage } from 'node:async_hooks';
import { assertAlias, assertKind, MAX_ALIAS_LENGTH, normalizeAlias } from './alias.js';
import { ChangeFeed, type Listener } from './change-feed.js';
import { DeprecatedAliases, type DeprecatedAlias } from './deprecated-aliases.js';
import { formatListing, formatListingLine } from './format-listing.js';
import type {
  KindOptions,
  LazyRegistration,
  ListingOptions,
  PluginChange,
  PluginClass,
  PluginEntry,
  PluginHandle,
  PluginRegistration,
  RecommendationEnv,
} from './plugin-entry.js';
import type { LazyTarget, RegisteredPlugin } from './registered-plugin.js';
import { recommendFor, type Recommendation } from './recommend.js';
import { RegistrationHandle } from './registration-handle.js';
import { functionArgument, kindFilter, readArgument, stringOption } from './arguments.js';
import { readLazyRegistration } from './lazy-registration.js';
import { claimsManifestEntry } from './manifest-claim.js';
import { createRegisteredPlugin, readRegistration } from './registration.js';
import { unknownDetail } from './unknown-detail.js';
import { suggestAliases } from './suggest.js';
import { DuplicatePluginError } from '../errors/duplicate-plugin-error.js';
import { PluginCreationError } from '../errors/plugin-creation-error.js';
import { PluginRegistrationError } from '../errors/plugin-registration-error.js';
import { UnknownPluginError } from '../errors/unknown-plugin-error.js';
import { CallSite } from '../internal/call-site.js';
import { quote } from '../internal/quote.js';
import { runThen } from '../internal/run-then.js';

/**
 * A set of plugins by alias. Every registration can be undone: its handle brings back what it replaced.
 *
 * @example
 * const registry = new PluginRegistry();
 * registry.register(DdpStrategy, { alias: 'ddp', kind: 'strategy', description: 'Distributed data parallel' });
 * registry.availablePlugins(); // ['ddp']
 */
export class PluginRegistry {
  /** Per normalised alias, its registrations in order: the last one is current. */
  readonly #slots = new Map<string, RegisteredPlugin[]>();
  readonly #sources: boolean;
  readonly #deprecated = new DeprecatedAliases();
  readonly #kindOptions = new Map<string, Required<KindOptions>>();
  readonly #loadErrors = new Map<string, unknown>();
  readonly #feed = new ChangeFeed();
  /** The modules of manifest entries being imported right now: what they register takes the entries' places. */
  readonly #loading = new Set<string>();
  readonly #scopes = new AsyncLocalStorage<Set<PluginHandle>>();
  #sorted: RegisteredPlugin[] | undefined;

  /**
   * @param options.sources Record where each plugin is registered (file and line), for error messages and
   *   `plugboard describe`. Default true; about 2 µs a registration, so a program that registers many
   *   generated variants may turn it off.
   */
  constructor(options: { sources?: boolean } = {}) {
    this.#sources = options.sources ?? true;
  }

  /** @internal Where the caller's caller is, or nothing when this registry does not record sources. */
  callSite(): CallSite {
    return this.#sources ? new CallSite() : CallSite.known(undefined);
  }

  /** Registers `target` under `options.alias`. Throws a PluginError, changing nothing, if the registration is refused. */
  register<TInstance, TOptions>(
    target: PluginClass<TInstance>,
    options: PluginRegistration<TOptions>,
  ): PluginHandle<TInstance, TOptions> {
    return this.registerAt(target, options, this.callSite());
  }

  /** @internal `register` with the call site taken by the caller (the decorator takes it where it is written). */
  registerAt<TInstance, TOptions>(
    target: unknown,
    options: unknown,
    callSite: CallSite,
    lazy?: LazyTarget,
  ): PluginHandle<TInstance, TOptions> {
    const registration = readRegistration(options);
    const entry = createRegisteredPlugin(target, registration, callSite, lazy);
    const { registry, override } = registration;
    if (registry !== undefined && registry !== this) {
      throw new PluginRegistrationError(
        `Plugin ${quote(entry.alias)}: options.registry names another registry than the one register() was called on.`,
      );
    }
    if (this.#deprecated.has(entry.key)) {
      throw new DuplicatePluginError(
        entry.alias,
        `a deprecated alias of ${quote(this.#deprecated.follow(entry.key, false))}`,
        entry.describe(),
      );
    }
    const slot = this.#slots.get(entry.key) ?? [];
    const manifestEntry = slot.at(-1);
    if (
      manifestEntry?.lazy &&
      claimsManifestEntry(manifestEntry, entry, this.#loading.has(manifestEntry.lazy.module))
    ) {
      // The module a manifest entry points to has registered the real class: it takes the entry's place.
      this.#changed(slot.pop(), undefined);
    }
    const current = slot.at(-1);
    if (current && override !== true && !current.isEquivalent(entry)) {
      throw new DuplicatePluginError(entry.alias, current.describe(), entry.describe());
    }
    slot.push(entry);
    this.#slots.set(entry.key, slot);
    this.#changed(current, entry);
    const handle = this.#handle(entry);
    this.#scopes.getStore()?.add(handle);
    return handle as PluginHandle<TInstance, TOptions>;
  }

  /**
   * Registers a plugin known from a manifest without importing its module: listings, look-ups and
   * recommendations use what the manifest says, and the first resolve calls `load` (which imports the
   * module, whose decorators register the real class in its place).
   */
  registerLazy(options: LazyRegistration): PluginHandle {
    const { module, exportName, load, ...registration } = readLazyRegistration(options);
    const lazy: LazyTarget = {
      source: { module, exportName },
      load: () => this.#loadLazy(registration.alias, module, load).target,
    };
    return this.registerAt(undefined, registration, CallSite.known(module), lazy);
  }

  /** @internal The real record for `entry`, importing its module first if it came from a manifest. */
  materialize(entry: RegisteredPlugin): RegisteredPlugin {
    if (!entry.lazy) return entry;
    entry.load(); // imports the module, or throws PluginCreationError with the import error
    return this.#slots.get(entry.key)?.at(-1) ?? entry;
  }

  /** Keeps an error from importing a plugin module, so that look-ups of missing aliases can report it. */
  recordLoadError(module: string, error: unknown): void {
    this.#loadErrors.set(module, error);
  }

  /** The plugin modules that failed to import, with their errors. */
  loadErrors(): { module: string; error: unknown }[] {
    return [...this.#loadErrors].map(([module, error]) => ({ module, error }));
  }

  /** Removes the plugin under `alias` (with every registration it replaced). True if there was one. */
  unregister(alias: string): boolean {
    return typeof alias === 'string' && this.#remove(normalizeAlias(alias));
  }

  /** Removes every plugin. Handles made before stay safe to dispose. */
  clear(): void {
    for (const key of [...this.#slots.keys()]) this.#remove(key);
  }

  /** True if `alias` (ignoring case and `-`/`_`) is registered. */
  has(alias: string): boolean {
    return this.find(alias) !== undefined;
  }

  /** The entry under `alias`, or undefined. */
  find(alias: string): PluginEntry | undefined {
    return this.lookup(alias);
  }

  /** The entry under `alias`; throws UnknownPluginError with suggestions if there is none. */
  get(alias: string, kind?: string): PluginEntry {
    return this.require(alias, kind);
  }

  /** @internal The registry's own record under `alias`, following deprecated aliases (and warning once). */
  lookup(alias: string): RegisteredPlugin | undefined {
    if (typeof alias !== 'string' || alias.length > MAX_ALIAS_LENGTH) return undefined;
    // Most look-ups already use the normalised spelling: try it before normalising.
    const slot = this.#slots.get(alias);
    if (slot) return slot.at(-1);
    const key = normalizeAlias(alias);
    return (this.#slots.get(key) ?? this.#slots.get(this.#deprecated.follow(key, true)))?.at(-1);
  }

  /** @internal The key an alias stands for, following deprecated aliases without warning. */
  canonicalKey(alias: string): string {
    const key = normalizeAlias(alias);
    return this.#slots.has(key) ? key : this.#deprecated.follow(key, false);
  }

  /**
   * Keeps `alias` working as a deprecated name of `successor`: look-ups find the successor, and the first
   * use in the process emits a DeprecationWarning naming it. Dispose the handle to remove the alias.
   *
   * @example
   * registry.deprecate('deepspeed_stage_3_offload', 'deepspeed_zero_3_offload', { message: 'Removed in 2.0.' });
   */
  deprecate(alias: string, successor: string, options: { message?: string } = {}): Disposable & { dispose(): void } {
    assertAlias(alias);
    assertAlias(successor);
    const message = stringOption(readArgument(options, 'deprecate()', ['message']).message, 'deprecate()', 'message');
    const existing = this.#slots.get(normalizeAlias(alias))?.at(-1);
    if (existing) {
      throw new DuplicatePluginError(alias, existing.describe(), `a deprecated alias of ${quote(successor)}`);
    }
    const key = this.#deprecated.add(alias, successor, message);
    const record = this.#deprecated.record(key);
    this.#rebind(this.#deprecated.successorOf(key));
    const dispose = (): void => {
      // Already removed, or replaced by a later deprecate() of the same alias, which this handle must leave alone.
      if (this.#deprecated.record(key) !== record) return;
      const target = this.#deprecated.successorOf(key);
      this.#deprecated.remove(key);
      this.#rebind(target);
    };
    return { dispose, [Symbol.dispose]: dispose };
  }

  /** The deprecated aliases, with their successors and how often they were used. */
  deprecations(): DeprecatedAlias[] {
    return this.#deprecated.list();
  }

  /**
   * Declares how a kind behaves in selections: `exclusive` kinds (one strategy, one precision) allow one
   * plugin per selection, and `resolveAll` throws PluginConflictError for two.
   */
  defineKind(kind: string, options: KindOptions = {}): void {
    assertKind(kind);
    const { exclusive } = readArgument(options, `defineKind(${quote(kind)})`, ['exclusive']);
    if (exclusive !== undefined && typeof exclusive !== 'boolean') {
      throw new PluginRegistrationError(`Kind ${quote(kind)}: exclusive must be true or false.`);
    }
    this.#kindOptions.set(kind, { exclusive: exclusive === true });
  }

  /** How `kind` behaves in selections (not exclusive unless defined so). */
  kindOptions(kind: string): Required<KindOptions> {
    return this.#kindOptions.get(kind) ?? { exclusive: false };
  }

  /**
   * The plugins whose `recommend` predicate holds for `env` (devices, memory, model size, anything the
   * framework passes), best first, each with the reason.
   */
  recommend(env: RecommendationEnv, filter: { kind?: string } = {}): Recommendation[] {
    return recommendFor(this.records(kindFilter(filter, 'recommend()')), env);
  }

  /** @internal The registry's own record under `alias`, of `kind` if given; throws UnknownPluginError otherwise. */
  require(alias: string, kind?: string): RegisteredPlugin {
    const entry = this.lookup(alias);
    if (entry && (kind === undefined || entry.kind === kind)) return entry;
    throw this.unknown(alias, kind);
  }

  /** @internal The error for an alias that is not registered (as `kind`, if given). */
  unknown(alias: string, kind?: string, detail?: string): UnknownPluginError {
    const entries = this.records(kind);
    const aliases = entries.map((entry) => entry.alias);
    const { details, suggest } = unknownDetail(alias, detail, this.#loadErrors);
    const suggestions = suggest ? suggestAliases(alias, entries) : [];
    return new UnknownPluginError(alias, suggestions, aliases, kind, details);
  }

  /** The entries, sorted by alias, optionally of one kind. */
  list(filter: { kind?: string } = {}): PluginEntry[] {
    return this.records(kindFilter(filter, 'list()'));
  }

  /** @internal `list` with the registry's own records. */
  records(kind?: string): RegisteredPlugin[] {
    return kind === undefined ? [...this.#entries()] : this.#entries().filter((entry) => entry.kind === kind);
  }

  /** The kinds that have at least one plugin, sorted. */
  kinds(): string[] {
    return [...new Set(this.#entries().map((entry) => entry.kind))].sort();
  }

  /**
   * The sorted aliases; with `withDescriptions`/`withRecommendations`, one line per plugin as the RFC prints them:
   * `deepspeed_zero_3_offload: ZeRO stage 3 with CPU offload, recommended when: largest models, little GPU memory`.
   */
  availablePlugins(options: ListingOptions = {}): string[] {
    const { withDescriptions, withRecommendations } = readArgument(options, 'availablePlugins()', [
      'withDescriptions',
      'withRecommendations',
    ]);
    return this.records(kindFilter(options, 'availablePlugins()')).map((entry) =>
      formatListingLine(entry, withDescriptions === true, withRecommendations === true),
    );
  }

  /** The listing for people: plugins grouped by kind, with descriptions and recommendations. */
  toString(): string {
    return formatListing(this.#entries());
  }

  /**
   * Runs `fn` (sync or async) and then undoes every registration made inside it (in its async context),
   * also when it throws. Returns what `fn` returns. The registrations are undone, not hidden: other async
   * flows see them while `fn` runs. For isolation, use a `clone()` of the registry (or `createTestContainer`).
   */
  scoped<T>(fn: () => T): T {
    functionArgument(fn, 'scoped()', 'the block');
    const handles = new Set<PluginHandle>();
    return runThen(
      () => this.#scopes.run(handles, fn),
      () => {
        for (const handle of [...handles].reverse()) handle.dispose();
      },
    );
  }

  /** A new registry with the same plugins as this one now; changes to either are not seen by the other. */
  clone(): PluginRegistry {
    const copy = new PluginRegistry({ sources: this.#sources });
    for (const [key, slot] of this.#slots) copy.#slots.set(key, [...slot]);
    this.#deprecated.copyTo(copy.#deprecated);
    for (const [kind, options] of this.#kindOptions) copy.#kindOptions.set(kind, options);
    for (const [module, error] of this.#loadErrors) copy.#loadErrors.set(module, error);
    return copy;
  }

  /** Calls `listener` after every change to the visible entries. Dispose the result to stop. */
  onChange(listener: (change: PluginChange) => void): Disposable & { dispose(): void } {
    functionArgument(listener, 'onChange()', 'the listener');
    return this.subscribe((type, entry) => {
      listener({ type, entry });
    });
  }

  /** @internal `onChange` with the registry's own records, for plugboard's container integrations. */
  subscribe(listener: Listener): Disposable & { dispose(): void } {
    return this.#feed.subscribe(listener);
  }

  #entries(): RegisteredPlugin[] {
    this.#sorted ??= [...this.#slots.values()]
      .map((slot) => slot.at(-1))
      .filter((entry) => entry !== undefined)
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return this.#sorted;
  }

  #loadLazy(alias: string, module: string, load: () => void): RegisteredPlugin {
    const key = normalizeAlias(alias);
    const failed = this.#loadErrors.get(module);
    if (failed !== undefined) throw new PluginCreationError(alias, [module], failed);
    if (this.#slots.get(key)?.at(-1)?.lazy) {
      this.#loading.add(module);
      try {
        load();
      } catch (error) {
        this.#loadErrors.set(module, error);
        throw new PluginCreationError(alias, [module], error);
      } finally {
        this.#loading.delete(module);
      }
    }
    const real = this.#slots.get(key)?.at(-1);
    if (!real || real.lazy) {
      throw new PluginCreationError(alias, [module], new Error(`the module did not register ${quote(alias)}`));
    }
    return real;
  }

  /** Makes containers rebind the entry under `key`, whose set of names changed. */
  #rebind(key: string | undefined): void {
    const entry = key === undefined ? undefined : this.#slots.get(key)?.at(-1);
    if (entry) this.#changed(entry, entry);
  }

  #remove(key: string): boolean {
    const slot = this.#slots.get(key);
    if (!slot) return false;
    this.#slots.delete(key);
    this.#changed(slot.at(-1), undefined);
    return true;
  }

  #handle(entry: RegisteredPlugin): PluginHandle {
    return new RegistrationHandle(
      entry,
      () => this.#isCurrentIn(entry),
      () => {
        this.#dispose(entry);
      },
    );
  }

  #isCurrentIn(entry: RegisteredPlugin): boolean {
    return this.#slots.get(entry.key)?.includes(entry) ?? false;
  }

  #dispose(entry: RegisteredPlugin): void {
    const slot = this.#slots.get(entry.key);
    const index = slot?.lastIndexOf(entry) ?? -1;
    if (!slot || index < 0) return;
    slot.splice(index, 1);
    if (slot.length === 0) this.#slots.delete(entry.key);
    if (index === slot.length) this.#changed(entry, slot.at(-1));
  }

  #changed(removed: RegisteredPlugin | undefined, added: RegisteredPlugin | undefined): void {
    this.#sorted = undefined;
    this.#feed.emit(removed, added);
  }
}
