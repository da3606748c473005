import { PluginDisposalError, type PluginDisposalFailure } from '../errors/plugin-disposal-error.js';

/** One instance something owns, with the alias it was built for. */
export interface OwnedInstance {
  readonly alias: string;
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
  add(alias: string, instance: unknown): void {
    if (!isObject(instance) || this.has(instance)) return;
    this.#items.push({ alias, instance });
    if (this.#seen) this.#seen.add(instance);
    else if (this.#items.length > 16) this.#seen = new Set(this.#items.map((item) => item.instance));
  }

  /** Moves everything owned here to `other`, keeping the order. */
  moveTo(other: OwnedInstances): void {
    for (const { alias, instance } of this.#take()) other.add(alias, instance);
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
      .filter(({ instance }) => !hasMethod(instance, Symbol.dispose) && hasMethod(instance, Symbol.asyncDispose))
      .map(({ alias }) => alias);
  }

  /** Disposes everything, newest first, awaiting async disposal. Throws PluginDisposalError listing every failure. */
  async disposeAsync(): Promise<void> {
    const failures: PluginDisposalFailure[] = [];
    for (const { alias, instance } of this.#take().reverse()) {
      try {
        if (hasMethod(instance, Symbol.asyncDispose)) await instance[Symbol.asyncDispose]();
        else if (hasMethod(instance, Symbol.dispose)) instance[Symbol.dispose]();
      } catch (error) {
        failures.push({ alias, cause: error });
      }
    }
    if (failures.length > 0) throw new PluginDisposalError(failures);
  }

  /**
   * Disposes everything synchronously, newest first. Call only when `needsAsync()` is false (an instance
   * with only `[Symbol.asyncDispose]` counts as a failure here). Throws PluginDisposalError listing every failure.
   */
  disposeSync(): void {
    const failures: PluginDisposalFailure[] = [];
    for (const { alias, instance } of this.#take().reverse()) {
      try {
        if (hasMethod(instance, Symbol.dispose)) instance[Symbol.dispose]();
        else if (hasMethod(instance, Symbol.asyncDispose)) {
          throw new TypeError(
            'it has only [Symbol.asyncDispose]; dispose its owner with `await using` or disposeAsync',
          );
        }
      } catch (error) {
        failures.push({ alias, cause: error });
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

function isObject(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

function hasMethod<K extends PropertyKey>(value: unknown, key: K): value is Record<K, () => unknown> {
  try {
    return isObject(value) && typeof (value as Record<PropertyKey, unknown>)[key] === 'function';
  } catch {
    return false; // a Proxy whose trap throws: nothing plugboard can call
  }
}

/** Disposes one instance; throws PluginDisposalError if that fails. */
export async function disposeOne(alias: string, instance: unknown): Promise<void> {
  const owned = new OwnedInstances();
  owned.add(alias, instance);
  await owned.disposeAsync();
}

/**
 * `error` after running `cleanup`; if the clean-up fails too, its message is added to the error's (the
 * error stays what it was, with its cause).
 */
export async function withCleanup(error: unknown, cleanup: () => Promise<void>): Promise<unknown> {
  try {
    await cleanup();
  } catch (cleanupError) {
    if (error instanceof Error && cleanupError instanceof Error) {
      error.message = `${error.message}\nCleaning up after it also failed: ${cleanupError.message}`;
    }
  }
  return error;
}

/** Disposes what a failed synchronous call built; an instance with only async disposal is disposed in the background. */
export function cleanUpSync(batch: OwnedInstances, error: unknown): unknown {
  if (batch.size === 0) return error;
  if (!batch.needsAsync()) {
    try {
      batch.disposeSync();
    } catch (cleanupError) {
      if (error instanceof Error && cleanupError instanceof Error) {
        error.message = `${error.message}\nCleaning up after it also failed: ${cleanupError.message}`;
      }
    }
    return error;
  }
  batch.disposeAsync().catch((cleanupError: unknown) => {
    process.emitWarning(
      `plugboard: disposing plugins after a failed resolve failed: ${cleanupError instanceof Error ? cleanupError.message : String(cleanupError)}`,
    );
  });
  return error;
}
