import { traceDispose, traceDisposeAsync } from './plugin-trace-channels.js';
import { PluginDisposalError, type PluginDisposalFailure } from '../errors/plugin-disposal-error.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';

/** What an instance was built for: its registration's alias and kind (a RegisteredPlugin is one). */
export interface OwnedPlugin {
  readonly alias: string;
  readonly kind: string;
}

/** One instance something owns, with the plugin it was built for. */
export interface OwnedInstance {
  readonly plugin: OwnedPlugin;
  readonly instance: unknown;
}

/**
 * The instances a container, a scope or one resolve call owns, in creation order. Disposal runs in reverse
 * order, once per instance, and collects every failure into one PluginDisposalError.
 */
export class OwnedInstances {
  // Made on every resolve call, so kept cheap: a Set for look-ups only once there are many instances.
  #items: OwnedInstance[] = [];
  #seen: Set<unknown> | undefined;

  get size(): number {
    return this.#items.length;
  }

  /** Takes `instance` (once: the same object owned twice is disposed once). */
  add(plugin: OwnedPlugin, instance: unknown): void {
    if (!isObject(instance) || this.has(instance)) return;
    this.#items.push({ plugin, instance });
    if (this.#seen) this.#seen.add(instance);
    else if (this.#items.length > 16) this.#seen = new Set(this.#items.map((item) => item.instance));
  }

  /** Moves everything owned here to `other`, keeping the order. */
  moveTo(other: OwnedInstances): void {
    for (const { plugin, instance } of this.#take()) other.add(plugin, instance);
  }

  /** True if `instance` is owned here. */
  has(instance: unknown): boolean {
    if (this.#seen) return this.#seen.has(instance);
    for (const item of this.#items) if (item.instance === instance) return true;
    return false;
  }

  /** True if some instance can only be disposed asynchronously. */
  needsAsync(): boolean {
    return this.asyncOnly().length > 0;
  }

  /** The aliases of the instances that can only be disposed asynchronously. */
  asyncOnly(): string[] {
    return this.#items
      .filter(({ instance }) => {
        try {
          return (
            typeof read(instance, Symbol.dispose) !== 'function' &&
            typeof read(instance, Symbol.asyncDispose) === 'function'
          );
        } catch {
          return false; // a getter that throws is reported when disposing, synchronously too
        }
      })
      .map(({ plugin }) => plugin.alias);
  }

  /**
   * Disposes everything, newest first, awaiting async disposal. Throws PluginDisposalError listing every failure,
   * a `[Symbol.dispose]` or `[Symbol.asyncDispose]` getter that throws among them.
   */
  async disposeAsync(registry: PluginRegistry): Promise<void> {
    const failures: PluginDisposalFailure[] = [];
    for (const { plugin, instance } of this.#take().reverse()) {
      try {
        await traceDisposeAsync(plugin, registry, instance, disposeOneAsync);
      } catch (error) {
        failures.push({ alias: plugin.alias, cause: error });
      }
    }
    if (failures.length > 0) throw new PluginDisposalError(failures);
  }

  /**
   * Disposes everything synchronously, newest first. Call only when `needsAsync()` is false (an instance
   * with only `[Symbol.asyncDispose]` counts as a failure here). Throws PluginDisposalError listing every failure.
   */
  disposeSync(registry: PluginRegistry): void {
    const failures: PluginDisposalFailure[] = [];
    for (const { plugin, instance } of this.#take().reverse()) {
      try {
        traceDispose(plugin, registry, instance, disposeOneSync);
      } catch (error) {
        failures.push({ alias: plugin.alias, cause: error });
      }
    }
    if (failures.length > 0) throw new PluginDisposalError(failures);
  }

  #take(): OwnedInstance[] {
    const items = this.#items;
    this.#items = [];
    this.#seen = undefined;
    return items;
  }
}

/** Disposes one instance: awaits `[Symbol.asyncDispose]` if it has one, else calls `[Symbol.dispose]`. */
async function disposeOneAsync(instance: unknown): Promise<void> {
  const asyncDispose = read(instance, Symbol.asyncDispose);
  if (typeof asyncDispose === 'function') await (asyncDispose as () => unknown).call(instance);
  else disposeOneSync(instance);
}

/** Calls one instance's `[Symbol.dispose]`; throws for one that can only be disposed asynchronously. */
function disposeOneSync(instance: unknown): void {
  const dispose = read(instance, Symbol.dispose);
  if (typeof dispose === 'function') (dispose as () => unknown).call(instance);
  else if (typeof read(instance, Symbol.asyncDispose) === 'function') {
    throw new TypeError('it has only [Symbol.asyncDispose]; dispose its owner with `await using` or disposeAsync');
  }
}

function isObject(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

/**
 * `instance[key]`, read once; what a getter or Proxy trap throws is thrown, so that disposal reports it as a
 * failure instead of treating the instance as having nothing to dispose.
 */
function read(instance: unknown, key: symbol): unknown {
  return isObject(instance) ? (instance as Record<symbol, unknown>)[key] : undefined;
}

/**
 * Runs `cleanup` after `error`; if the clean-up fails too, its message is added to the error's (the error stays
 * what it was, with its cause). Resolves to nothing, so that a thenable error is never adopted: throw `error` after it.
 */
export async function cleanUpAfter(error: unknown, cleanup: () => Promise<void>): Promise<void> {
  try {
    await cleanup();
  } catch (cleanupError) {
    if (error instanceof Error && cleanupError instanceof Error) {
      error.message = `${error.message}\nCleaning up after it also failed: ${cleanupError.message}`;
    }
  }
}

/** Disposes what a failed synchronous call built; an instance with only async disposal is disposed in the background. */
export function cleanUpSync(batch: OwnedInstances, error: unknown, registry: PluginRegistry): unknown {
  if (batch.size === 0) return error;
  if (!batch.needsAsync()) {
    try {
      batch.disposeSync(registry);
    } catch (cleanupError) {
      if (error instanceof Error && cleanupError instanceof Error) {
        error.message = `${error.message}\nCleaning up after it also failed: ${cleanupError.message}`;
      }
    }
    return error;
  }
  disposeInBackground(batch, 'after a failed resolve', registry);
  return error;
}

/** Disposes `batch` without anyone to await it; a failure becomes a process warning, never an unhandled rejection. */
export function disposeInBackground(batch: OwnedInstances, when: string, registry: PluginRegistry): void {
  batch.disposeAsync(registry).catch((cleanupError: unknown) => {
    process.emitWarning(
      `plugboard: disposing plugins ${when} failed: ${cleanupError instanceof Error ? cleanupError.message : String(cleanupError)}`,
    );
  });
}
