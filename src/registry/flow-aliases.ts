import { AsyncLocalStorage } from 'node:async_hooks';
import type { RegisteredPlugin } from './registered-plugin.js';

/** One `withFlowAliases` block: the aliases it added, by registry (core), then by normalised key. */
interface Frame {
  readonly parent: Frame | undefined;
  readonly byOwner: Map<object, Map<string, RegisteredPlugin>>;
}

const frames = new AsyncLocalStorage<Frame>();
const flowEntries = new WeakSet<RegisteredPlugin>();
let count = 0;

/**
 * Runs `fn` in a block whose added aliases (`addFlowAlias`) only its own async flow sees: an `allowNew`
 * override inside `withPluginOverrides` never reaches the shared registry (issue 12).
 */
export function withFlowAliases<T>(fn: () => T): T {
  return frames.run({ parent: frames.getStore(), byOwner: new Map() }, fn);
}

/** True inside a `withFlowAliases` block. */
export function inFlowAliasBlock(): boolean {
  return frames.getStore() !== undefined;
}

/** Adds `entry` for `owner` to the current block; the result removes exactly it. Call inside a block only. */
export function addFlowAlias(owner: object, entry: RegisteredPlugin): () => void {
  const frame = frames.getStore();
  if (!frame) throw new Error('plugboard: addFlowAlias outside withFlowAliases');
  const byKey = frame.byOwner.get(owner) ?? new Map<string, RegisteredPlugin>();
  frame.byOwner.set(owner, byKey);
  byKey.set(entry.key, entry);
  flowEntries.add(entry);
  count += 1;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    count -= 1;
    if (byKey.get(entry.key) === entry) byKey.delete(entry.key);
  };
}

/** The alias `key` of `owner` added in this async flow's blocks (innermost first), if any. */
export function findFlowAlias(owner: object, key: string): RegisteredPlugin | undefined {
  if (count === 0) return undefined;
  for (let frame = frames.getStore(); frame; frame = frame.parent) {
    const found = frame.byOwner.get(owner)?.get(key);
    if (found) return found;
  }
  return undefined;
}

/** True for an entry that exists only in the flow that added it (containers bind it for that flow only). */
export function isFlowAlias(entry: RegisteredPlugin): boolean {
  return flowEntries.has(entry);
}
