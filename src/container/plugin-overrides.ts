import { AsyncLocalStorage } from 'node:async_hooks';

/** What a test put in place of a plugin: it makes the instance from the options the plugin would have had. */
export interface Replacement {
  readonly label: string;
  produce(options: unknown): unknown;
  /** Let the container (or scope) dispose what it produces, as it would the plugin's own instances. */
  readonly dispose?: boolean;
}

/** Overrides by owner (a registry or a container's factory), then by normalised alias; the last one wins. */
type Layer = { readonly parent: Layer | undefined; readonly owners: Map<object, Map<string, Replacement[]>> };

/** Told when an owner's key gets its first override (in any flow) and when it loses its last one. */
export interface OverrideWatcher {
  overridden(key: string): void;
}

const root: Layer = { parent: undefined, owners: new Map() };
const scopes = new AsyncLocalStorage<Layer>();
let count = 0;
/** How many overrides each owner's keys have, over every flow. */
const active = new WeakMap<object, Map<string, number>>();
/** Held weakly: a container that is dropped is not kept alive by the registry it watches. */
const watchers = new WeakMap<object, Set<WeakRef<OverrideWatcher>>>();

/** Calls `watcher.overridden(key)` whenever a key of `owner` gets its first override or loses its last. */
export function watchOverrides(owner: object, watcher: OverrideWatcher): void {
  const set = watchers.get(owner) ?? new Set();
  watchers.set(owner, set);
  set.add(new WeakRef(watcher));
}

/** True while `key` of `owner` has an override in some flow. */
export function isOverridden(owner: object, key: string): boolean {
  return (active.get(owner)?.get(key) ?? 0) > 0;
}

function countOverride(owner: object, key: string, delta: 1 | -1): void {
  const counts = active.get(owner) ?? new Map<string, number>();
  active.set(owner, counts);
  const now = (counts.get(key) ?? 0) + delta;
  if (now === 0) counts.delete(key);
  else counts.set(key, now);
  if (now !== (delta === 1 ? 1 : 0)) return;
  for (const ref of watchers.get(owner) ?? []) {
    const watcher = ref.deref();
    if (watcher) watcher.overridden(key);
    else watchers.get(owner)?.delete(ref);
  }
}

/**
 * The replacement for `key` seen from the current async flow: overrides made in this flow's
 * `withOverrideScope` blocks first (innermost first), then those made outside any block.
 */
export function findReplacement(owners: readonly object[], key: string): Replacement | undefined {
  // The common case (no override anywhere) in a function small enough for V8 to inline into the resolve path.
  return count === 0 ? undefined : findInLayers(owners, key);
}

function findInLayers(owners: readonly object[], key: string): Replacement | undefined {
  for (let layer: Layer | undefined = scopes.getStore() ?? root; layer; layer = layer.parent) {
    for (const owner of owners) {
      const found = layer.owners.get(owner)?.get(key)?.at(-1);
      if (found) return found;
    }
  }
  return undefined;
}

/** Puts `replacement` in place for `key` in the current flow's innermost scope. Dispose to remove exactly it. */
export function addReplacement(owner: object, key: string, replacement: Replacement): () => void {
  const layer = scopes.getStore() ?? root;
  const byKey = layer.owners.get(owner) ?? new Map<string, Replacement[]>();
  layer.owners.set(owner, byKey);
  const stack = byKey.get(key) ?? [];
  byKey.set(key, stack);
  stack.push(replacement);
  count += 1;
  countOverride(owner, key, 1);
  let done = false;
  return () => {
    if (done) return;
    done = true;
    count -= 1;
    stack.splice(stack.lastIndexOf(replacement), 1);
    if (stack.length === 0 && byKey.get(key) === stack) byKey.delete(key);
    countOverride(owner, key, -1);
  };
}

/** Runs `fn` in a new override scope: what it overrides is seen by its own async flow only. */
export function withOverrideScope<T>(fn: () => T): T {
  return scopes.run({ parent: scopes.getStore() ?? root, owners: new Map() }, fn);
}
