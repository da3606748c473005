import { fileURLToPath } from 'node:url';
import {
  checkPluginLock,
  createPluginLock,
  type PluginLock,
  type PluginLockDifference,
  type PluginRegistry,
  type PluginsOption,
} from 'plugboard';
import type { PluginPlan } from './plugin-plan.js';

/** The folder module paths in the trainer's locks are relative to: the sample's own, wherever it runs from. */
export const LOCK_ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * The kinds whose drift changes the numbers a resumed run computes, and is refused: another strategy or
 * precision (or other code or options for them). Checkpoint formats are lossless, and loggers and callbacks
 * watch the run without changing its steps (early_stopping may end it sooner): their drift is listed, allowed.
 */
export const NUMERIC_KINDS: readonly string[] = ['strategy', 'precision'];

/** The plan's selection as plugboard's lock functions read it; undefined if it holds plugin instances. */
export function planSelection(plan: PluginPlan): PluginsOption | undefined {
  const chosen = plan.plugins.filter((planned) => planned.source !== 'default');
  if (chosen.some((planned) => planned.choice === undefined)) return undefined;
  return { choices: chosen.flatMap((planned) => (planned.choice ? [planned.choice] : [])), source: 'trainer' };
}

/** The lock of a run's plugins (what each checkpoint stores), or undefined for a selection of instances. */
export function runLock(plan: PluginPlan, registry: PluginRegistry): PluginLock | undefined {
  const read = planSelection(plan);
  return read === undefined ? undefined : createPluginLock(read, { registry, root: LOCK_ROOT });
}

/** How a run's plugins differ from a checkpoint's lock: the differences that change the numbers, and the rest. */
export interface LockDrift {
  readonly refused: readonly PluginLockDifference[];
  readonly allowed: readonly PluginLockDifference[];
}

/** Compares a checkpoint's lock with the run's plan; throws plugboard's PluginLockError for a damaged lock. */
export function lockDrift(lock: unknown, plan: PluginPlan, registry: PluginRegistry): LockDrift {
  const selection = planSelection(plan);
  if (selection === undefined) return { refused: [], allowed: [] };
  const { differences } = checkPluginLock(lock, { registry, root: LOCK_ROOT, selection });
  const locked = (lock as PluginLock).plugins;
  const kindOf = (alias: string | undefined): string | undefined =>
    alias === undefined
      ? undefined
      : (registry.find(alias)?.kind ?? locked.find((plugin) => plugin.alias === alias)?.kind);
  const numeric = (difference: PluginLockDifference): boolean => NUMERIC_KINDS.includes(kindOf(difference.alias) ?? '');
  return { refused: differences.filter(numeric), allowed: differences.filter((d) => !numeric(d)) };
}
