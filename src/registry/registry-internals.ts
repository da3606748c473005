import type { RegistryCore } from './registry-core.js';
import { PluginRegistrationError } from '../errors/plugin-registration-error.js';
import { describeValue } from './alias.js';

/** Each registry's core. Module-private: only plugboard's own modules import `internals`. */
const cores = new WeakMap<object, RegistryCore>();

/** Links a new registry to its core; called once, by the PluginRegistry constructor. */
export function attachInternals(registry: object, core: RegistryCore): void {
  cores.set(registry, core);
}

/**
 * The internal interface of `registry` (look-ups with the registry's own records, call sites, lazy
 * loading, change subscriptions) for plugboard's container integrations, discovery and command.
 * Throws PluginRegistrationError if `registry` is not a PluginRegistry.
 */
export function internals(registry: unknown): RegistryCore {
  const core = typeof registry === 'object' && registry !== null ? cores.get(registry) : undefined;
  if (!core) {
    const hint = wrapsRegistry(registry)
      ? ' with a registry key: pass the PluginRegistry itself, not { registry }'
      : '';
    throw new PluginRegistrationError(`Expected a PluginRegistry, got ${describeValue(registry)}${hint}.`);
  }
  return core;
}

/** True for `{ registry: aPluginRegistry }`, what a caller used to options objects passes by mistake. */
function wrapsRegistry(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  try {
    const inner = Object.getOwnPropertyDescriptor(value, 'registry')?.value as unknown;
    return typeof inner === 'object' && inner !== null && cores.has(inner);
  } catch {
    return false; // a Proxy whose trap throws: the plain message will do
  }
}
