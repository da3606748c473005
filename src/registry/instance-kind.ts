import type { RegistryCore } from './registry-core.js';

const MAX_CHAIN = 1_000;

/**
 * The kind of a ready instance in a selection: that of the loaded plugin whose class prototype is on the
 * instance's prototype chain, else `'plugin'`. Walks the chain itself: `instanceof` would run a class's
 * own `Symbol.hasInstance`, and one hostile class could then claim every instance.
 */
export function kindOfInstance(registry: RegistryCore, instance: object): string {
  const kinds = new Map<unknown, string>();
  for (const entry of registry.records()) {
    if (entry.lazy) continue;
    const prototype = prototypeOf(entry.target);
    if (prototype !== undefined && !kinds.has(prototype)) kinds.set(prototype, entry.kind);
  }
  try {
    let proto: unknown = Object.getPrototypeOf(instance);
    // Bounded: a Proxy can make its prototype chain endless.
    for (let depth = 0; depth < MAX_CHAIN && proto !== null; depth += 1) {
      const kind = kinds.get(proto);
      if (kind !== undefined) return kind;
      proto = Object.getPrototypeOf(proto);
    }
  } catch {
    // A Proxy whose getPrototypeOf trap throws: an instance of no plugin class.
  }
  return 'plugin';
}

/** `DdpStrategy instance`, or `an instance` when the class has no readable name. */
export function nameOfInstance(instance: object): string {
  try {
    const name = (instance.constructor as { name?: unknown } | undefined)?.name;
    if (typeof name === 'string' && name) return `${name} instance`;
  } catch {
    // A throwing getter or Proxy trap: no name to show.
  }
  return 'an instance';
}

function prototypeOf(target: unknown): unknown {
  try {
    const prototype = (target as { prototype?: unknown }).prototype;
    return typeof prototype === 'object' && prototype !== null ? prototype : undefined;
  } catch {
    return undefined;
  }
}
