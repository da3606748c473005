import { creationError } from './construct-plugin.js';
import { OwnedInstances, disposeInBackground } from './owned-instances.js';
import { traceSetup } from './plugin-trace-channels.js';
import type { PluginCreationError } from '../errors/plugin-creation-error.js';
import { PluginSetupTimeoutError } from '../errors/plugin-setup-timeout-error.js';
import { nameOf } from '../internal/quote.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import { hasSetup, pluginSetup, type PluginWithSetup } from '../registry/plugin-setup.js';
import type { RegisteredPlugin } from '../registry/registered-plugin.js';

/**
 * Awaits `instance`'s set-up, if it has one, within the plugin's time limit (its registration's, else
 * `containerLimitMs`). When the limit passes first, this rejects with PluginSetupTimeoutError and takes what `owned`
 * holds: it is disposed when the set-up settles, whichever way, so that nothing of it leaks.
 */
export async function setUpPlugin(
  real: RegisteredPlugin,
  instance: unknown,
  owned: OwnedInstances,
  registry: PluginRegistry,
  containerLimitMs: number | undefined,
): Promise<void> {
  if (!hasSetup(instance)) return;
  const setup = traceSetup(real, registry, () => runSetup(real, instance));
  const limit = real.setupTimeoutMs ?? containerLimitMs;
  if (limit === undefined) return setup;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    // Not unref'd: a set-up that waits on nothing else would let the process exit before the error names it.
    // Cleared as soon as the set-up settles, so it never outlives the call.
    timer = setTimeout(() => {
      reject(new PluginSetupTimeoutError(real.alias, real.kind, limit, real.describe()));
    }, limit);
  });
  try {
    await Promise.race([setup, expired]);
  } catch (error) {
    if (error instanceof PluginSetupTimeoutError) {
      const late = new OwnedInstances();
      owned.moveTo(late);
      const disposeLate = (): void => {
        disposeInBackground(late, 'after a set-up that timed out', registry);
      };
      setup.then(disposeLate, disposeLate);
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Calls `instance`'s set-up and awaits it; a failure becomes a PluginCreationError naming the alias. */
async function runSetup(real: RegisteredPlugin, instance: PluginWithSetup): Promise<void> {
  try {
    await instance[pluginSetup]();
  } catch (error) {
    throw creationError(real.alias, nameOf(real.target), error);
  }
}

/** The error for a plugin with async set-up asked for synchronously. */
export function needsAsync(real: RegisteredPlugin): PluginCreationError {
  return creationError(
    real.alias,
    real.target.name,
    new Error('it has async set-up ([pluginSetup]); resolve it with resolveAsync or resolveAllAsync'),
  );
}
