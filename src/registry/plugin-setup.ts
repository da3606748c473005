/**
 * The method a plugin implements to finish initialising before use (spawn workers, open a file, connect):
 * `resolveAsync` and `resolveAllAsync` call it once per instance and await it. A plugin that has it cannot be
 * resolved synchronously (until a singleton's set-up has finished).
 *
 * @example
 * class DdpStrategy {
 *   async [pluginSetup](): Promise<void> { this.workers = await spawnWorkers(); }
 *   async [Symbol.asyncDispose](): Promise<void> { await this.workers.close(); }
 * }
 */
export const pluginSetup: unique symbol = Symbol.for('plugboard.setup');

/** A plugin with async set-up: see `pluginSetup`. */
export interface PluginWithSetup {
  /** Finishes initialising the instance; awaited once by `resolveAsync` / `resolveAllAsync`. */
  [pluginSetup](): Promise<void> | void;
}

/** True if instances of `target` declare set-up (on their prototype chain). Asks nothing else. */
export function declaresSetup(target: unknown): boolean {
  try {
    const prototype: unknown = typeof target === 'function' ? (target as { prototype?: unknown }).prototype : undefined;
    return hasSetup(prototype);
  } catch {
    return false;
  }
}

/** True if `instance` has a set-up method. */
export function hasSetup(instance: unknown): instance is PluginWithSetup {
  try {
    return (
      typeof instance === 'object' && instance !== null && typeof Reflect.get(instance, pluginSetup) === 'function'
    );
  } catch {
    return false; // a Proxy whose trap throws has no set-up plugboard can call
  }
}
