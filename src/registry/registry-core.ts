import { AsyncLocalStorage } from 'node:async_hooks';
import { assertAlias, MAX_ALIAS_LENGTH, normalizeAlias } from './alias.js';
import { functionArgument, readArgument, stringOption } from './arguments.js';
import { readLazyRegistration } from './lazy-registration.js';
import { unknownDetail } from './unknown-detail.js';
import { AliasSlots } from './alias-slots.js';
import { addFlowAlias, findFlowAlias } from './flow-aliases.js';
import { ChangeListeners, type ChangeListener } from './change-listeners.js';
import { DeprecatedAliases, type DeprecatedAlias } from './deprecated-aliases.js';
import type { KindSettings } from './kind-settings.js';
import { KindTable } from './kind-table.js';
import type { KnownOptionKeys } from './known-option-keys.js';
import { OptionKeyTable } from './option-key-table.js';
import { lazyTarget, materialize } from './lazy-entries.js';
import { LoadErrors } from './load-errors.js';
import type { KindOptions, LazyRegistration, PluginHandle } from './plugin-entry.js';
import { readPluginHost, type PluginHost } from './plugin-host.js';
import type { LazyTarget } from './lazy-target.js';
import type { RegisteredPlugin } from './registered-plugin.js';
import { createRegisteredPlugin, readRegistration } from './registration.js';
import { suggestAliases } from './suggest.js';
import { DuplicatePluginError } from '../errors/duplicate-plugin-error.js';
import { PluginRegistrationError } from '../errors/plugin-registration-error.js';
import { UnknownPluginError } from '../errors/unknown-plugin-error.js';
import { knownCallSite, type CallSite } from '../internal/call-site.js';
import { quote } from '../internal/quote.js';
import { runThen } from '../internal/run-then.js';

/**
 * The `scoped()` blocks open in the current async flow: for each registry, the handles of its innermost block.
 * One store for every registry: Node (20) keeps each AsyncLocalStorage that has ever run for the life of the
 * process and updates each one on every promise, so one per registry made every `await` of a program slower by
 * every registry that had used `scoped()` (a thousand of them: about a thousand times slower).
 */
const openScopes = new AsyncLocalStorage<ReadonlyMap<RegistryCore, Set<PluginHandle>>>();

/** The call site of every registration of a registry that does not record sources: one object, not one each. */
const UNKNOWN_SOURCE = knownCallSite(undefined);

/**
 * The state and workings of one `PluginRegistry`, which only forwards to it. plugboard's own modules
 * reach it through `internals(registry)`; users never see it.
 */
export class RegistryCore {
  readonly #owner: object;
  readonly #listeners = new ChangeListeners();
  readonly #flowListeners = new ChangeListeners();
  readonly #slots = new AliasSlots((removed, added) => {
    this.#optionKeys.changed();
    this.#listeners.notify(removed, added);
  });
  readonly #optionKeys = new OptionKeyTable(() => this.#slots.entries());
  readonly #deprecated = new DeprecatedAliases();
  readonly #kinds = new KindTable();
  readonly #loadErrors = new LoadErrors();
  /** How many scoped() blocks have started and not yet ended (an async one ends when its promise settles). */
  #openScopes = 0;
  /** Whether the registry records where each plugin is registered. */
  readonly sources: boolean;
  /** The program the registry's plugins are loaded into, whose version discovery checks plugin packages against. */
  readonly host: PluginHost | undefined;

  constructor(owner: object, options: { sources?: boolean; host?: PluginHost }) {
    this.#owner = owner;
    const { sources, host } = readArgument(options, 'new PluginRegistry(options)', ['sources', 'host']);
    this.sources = sources === undefined ? true : Boolean(sources);
    this.host = readPluginHost(host);
  }

  /**
   * `register` with the call site taken by the public function the user called (the decorator takes it where
   * it is written): `sources ? new CapturedCallSite() : undefined` in that function's own body.
   */
  registerAt<TInstance, TOptions>(
    target: unknown,
    options: unknown,
    callSite: CallSite | undefined,
    lazy?: LazyTarget,
  ): PluginHandle<TInstance, TOptions> {
    const registration = readRegistration(options);
    const entry = createRegisteredPlugin(target, registration, callSite ?? UNKNOWN_SOURCE, lazy);
    const { registry, override } = registration as { registry?: unknown; override?: boolean };
    if (registry !== undefined && registry !== this.#owner) {
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
    const handle = this.#slots.push(entry, override === true);
    // Asking the async context costs on every registration: only while some scoped() block is open can it answer.
    if (this.#openScopes > 0) openScopes.getStore()?.get(this)?.add(handle);
    return handle as PluginHandle<TInstance, TOptions>;
  }

  registerLazy(options: LazyRegistration): PluginHandle {
    const { module, exportName, load, ...registration } = readLazyRegistration(options);
    const source = { alias: registration.alias, module, exportName, load };
    return this.registerAt(
      undefined,
      registration,
      knownCallSite(module),
      lazyTarget(this.#slots, this.#loadErrors, source),
    );
  }

  /** The real record for `entry`, importing its module first if it came from a manifest. */
  materialize(entry: RegisteredPlugin): RegisteredPlugin {
    return materialize(this.#slots, entry);
  }

  /** Keeps an error from importing a plugin module, so that look-ups of missing aliases can report it. */
  recordLoadError(module: string, error: unknown): void {
    this.#loadErrors.record(module, error);
  }

  loadErrors(): { module: string; error: unknown }[] {
    return this.#loadErrors.list();
  }

  unregister(alias: string): boolean {
    return typeof alias === 'string' && this.#slots.remove(normalizeAlias(alias));
  }

  clear(): void {
    for (const key of this.#slots.keys()) this.#slots.remove(key);
  }

  /** The registry's own record under `alias`, following deprecated aliases (and warning once). */
  lookup(alias: string): RegisteredPlugin | undefined {
    if (typeof alias !== 'string' || alias.length > MAX_ALIAS_LENGTH) return undefined;
    // Most look-ups already use the normalised spelling: try it before normalising.
    return this.#slots.current(alias) ?? this.#lookupNormalised(alias);
  }

  /** `lookup` of an alias not in its normalised spelling, deprecated, or added for the current flow only. */
  #lookupNormalised(alias: string): RegisteredPlugin | undefined {
    const key = normalizeAlias(alias);
    return (
      this.#slots.current(key) ?? this.#slots.current(this.#deprecated.follow(key, true)) ?? findFlowAlias(this, key)
    );
  }

  /**
   * Adds `alias` (of `kind`) for the current `withFlowAliases` block only, built by an override: no other
   * flow sees it (issue 12). Throws DuplicatePluginError if the registry already has it. The result removes it.
   */
  addFlowAlias(target: unknown, alias: string, kind: string): () => void {
    const entry = createRegisteredPlugin(target, readRegistration({ alias, kind }), UNKNOWN_SOURCE);
    const existing = this.#slots.current(entry.key);
    if (existing) throw new DuplicatePluginError(entry.alias, existing.describe(), entry.describe());
    const remove = addFlowAlias(this, entry);
    this.#flowListeners.notify(undefined, entry);
    return () => {
      remove();
      this.#flowListeners.notify(entry, undefined);
    };
  }

  /** Told of aliases added and removed by `addFlowAlias`, for plugboard's container integrations. */
  subscribeFlowAliases(listener: ChangeListener): Disposable & { dispose(): void } {
    return this.#flowListeners.add(listener);
  }

  /** The key an alias stands for, following deprecated aliases without warning. */
  canonicalKey(alias: string): string {
    // Inversify asks every binding of a token about the same name when it plans: most names are keys already.
    if (this.#slots.has(alias)) return alias;
    const key = normalizeAlias(alias);
    return this.#slots.has(key) ? key : this.#deprecated.follow(key, false);
  }

  /** The registry's own record under `alias`, of `kind` if given; throws UnknownPluginError otherwise. */
  require(alias: string, kind?: string): RegisteredPlugin {
    const entry = this.lookup(alias);
    if (entry && (kind === undefined || entry.kind === kind)) return entry;
    throw this.unknown(alias, kind);
  }

  /** The error for an alias that is not registered (as `kind`, if given). */
  unknown(alias: string, kind?: string, detail?: string): UnknownPluginError {
    const entries = this.records(kind);
    const aliases = entries.map((entry) => entry.alias);
    const { details, suggest } = unknownDetail(alias, detail, this.#loadErrors.describe());
    const suggestions = suggest ? suggestAliases(alias, entries) : [];
    return new UnknownPluginError(alias, suggestions, aliases, kind, details);
  }

  deprecate(alias: string, successor: string, options: { message?: string }): Disposable & { dispose(): void } {
    assertAlias(alias);
    assertAlias(successor);
    const message = stringOption(readArgument(options, 'deprecate()', ['message']).message, 'deprecate()', 'message');
    const existing = this.#slots.current(normalizeAlias(alias));
    if (existing) {
      throw new DuplicatePluginError(alias, existing.describe(), `a deprecated alias of ${quote(successor)}`);
    }
    const key = this.#deprecated.add(alias, successor, message);
    const record = this.#deprecated.record(key);
    this.#slots.rebind(this.#deprecated.successorOf(key));
    const dispose = (): void => {
      // Already removed, or replaced by a later deprecate() of the same alias, which this handle must leave alone.
      if (this.#deprecated.record(key) !== record) return;
      const target = this.#deprecated.successorOf(key);
      this.#deprecated.remove(key);
      this.#slots.rebind(target);
    };
    return { dispose, [Symbol.dispose]: dispose };
  }

  deprecations(): DeprecatedAlias[] {
    return this.#deprecated.list();
  }

  defineKind(kind: string, options: KindOptions): void {
    this.#kinds.define(kind, options);
  }

  /** How `kind` behaves in selections (not exclusive, no default, not required unless defined so). */
  kindOptions(kind: string): KindSettings {
    return this.#kinds.get(kind);
  }

  /** The kinds declared with `defineKind`, with their settings. */
  definedKinds(): ReadonlyMap<string, KindSettings> {
    return this.#kinds.defined();
  }

  /** The option keys `entry` declares (with its class's other variants), and how it judges others. */
  knownOptionKeys(entry: RegisteredPlugin): KnownOptionKeys {
    return this.#optionKeys.of(entry);
  }

  /** The current records, sorted by alias, optionally of one kind (a new array). */
  records(kind?: unknown): RegisteredPlugin[] {
    const entries = this.#slots.entries();
    return kind === undefined ? [...entries] : entries.filter((entry) => entry.kind === kind);
  }

  /**
   * The current records in the order their aliases were first registered (variants of one class stay together):
   * a new array, not sorted, for walking them all once where no order is shown (binding them in a container).
   */
  unsortedRecords(): RegisteredPlugin[] {
    return this.#slots.unsorted();
  }

  /** The kinds that have at least one plugin, sorted. */
  kinds(): string[] {
    return [...new Set(this.#slots.entries().map((entry) => entry.kind))].sort();
  }

  scoped<T>(fn: () => T): T {
    functionArgument(fn, 'scoped()', 'the block');
    const handles = new Set<PluginHandle>();
    // The blocks of other registries open around this one stay open in it.
    const scopes = new Map(openScopes.getStore());
    scopes.set(this, handles);
    this.#openScopes += 1;
    return runThen(
      () => openScopes.run(scopes, fn),
      () => {
        this.#openScopes -= 1;
        for (const handle of [...handles].reverse()) handle.dispose();
      },
    );
  }

  /** `onChange` with the registry's own records, for plugboard's container integrations. */
  subscribe(listener: ChangeListener): Disposable & { dispose(): void } {
    return this.#listeners.add(listener);
  }

  /** Copies this registry's plugins, deprecations, kinds and load errors into `other` (a new registry's core). */
  copyTo(other: RegistryCore): void {
    this.#slots.copyTo(other.#slots);
    this.#deprecated.copyTo(other.#deprecated);
    this.#kinds.copyTo(other.#kinds);
    this.#loadErrors.copyTo(other.#loadErrors);
  }
}
