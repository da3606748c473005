import type { PluginRegistry } from 'plugboard';
import type { PluginPlan } from './plugin-plan.js';
import { lockDrift, type LockDrift } from './run-lock.js';
import { TrainerInputError } from './trainer-input-error.js';
import type { Checkpoint } from '../checkpoint/checkpoint.js';
import { isStateful } from '../plugins/stateful.js';
import type { Log } from '../services/log.js';

/** What `assertSamePlugins` compares: a checkpoint's lock (read from `path`) and the run's plan. */
export interface SamePluginsInput {
  readonly lock: unknown;
  readonly path: string;
  readonly plan: PluginPlan;
  readonly registry: PluginRegistry;
  /** `--allow-plugin-changes`: list a refused difference and go on. */
  readonly allow: boolean;
}

/**
 * Compares the lock a checkpoint holds with the run's plugins: a strategy or precision that differs (another
 * plugin, options, package version or module content) is refused with the differences (a TrainerInputError),
 * unless `allow`; other differences (a logger's folder, a callback, the checkpoint format) are listed on `log`.
 */
export function assertSamePlugins(input: SamePluginsInput, log: Log): void {
  const { lock, path, plan, registry, allow } = input;
  let drift: LockDrift;
  try {
    drift = lockDrift(lock, plan, registry);
  } catch (error) {
    throw new TrainerInputError(`Cannot resume from ${path}: its plugin lock cannot be read: ${reasonOf(error)}`, {
      cause: error,
    });
  }
  const lines = (differences: LockDrift['refused']): string => differences.map((d) => `\n  - ${d.message}`).join('');
  if (drift.refused.length > 0 && !allow) {
    throw new TrainerInputError(
      `Cannot resume from ${path}: the run's strategy or precision differs from the checkpoint's:${lines(drift.refused)}` +
        '\nResume with the plugins it was written with, or pass --allow-plugin-changes to go on with these. Nothing was trained.',
    );
  }
  if (drift.refused.length > 0)
    log.info(`plugins changed since ${path} (--allow-plugin-changes):${lines(drift.refused)}`);
  if (drift.allowed.length > 0) {
    log.info(`plugins changed since ${path} (allowed: they do not change the numbers):${lines(drift.allowed)}`);
  }
}

/**
 * Gives every stateful plugin of `plugins` the state the checkpoint saved under its key (a plugin the checkpoint
 * has no state for starts fresh). Two plugins with one key, or a state a plugin cannot read, are bad input: a
 * TrainerInputError before training.
 */
export function restorePluginStates(
  plugins: readonly unknown[],
  checkpoint: Checkpoint | undefined,
  path: string,
): void {
  const stateful = plugins.flatMap((plugin) => (isStateful(plugin) ? [plugin] : []));
  const keys = stateful.map((plugin) => plugin.stateKey);
  const repeated = keys.find((key, index) => keys.indexOf(key) !== index);
  if (repeated !== undefined) {
    throw new TrainerInputError(
      `Two plugins of this run keep their state under the same key "${repeated}", so a checkpoint cannot tell ` +
        'them apart. Give them different options (such as another dir).',
    );
  }
  if (!checkpoint) return;
  for (const plugin of stateful) {
    if (!Object.hasOwn(checkpoint.pluginStates, plugin.stateKey)) continue;
    const saved = checkpoint.pluginStates[plugin.stateKey];
    if (saved === undefined) continue;
    try {
      plugin.loadStateDict(saved.state, saved.version);
    } catch (error) {
      throw new TrainerInputError(
        `Cannot resume from ${path}: the state saved for "${plugin.stateKey}" cannot be restored: ${reasonOf(error)}.`,
        { cause: error },
      );
    }
  }
}

/** An error's message, also for errors from another realm (jest's vm), which fail `instanceof Error`. */
export function reasonOf(error: unknown): string {
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message : String(error);
}
