import { normalizeAlias } from './alias.js';
import type { AliasSlots } from './alias-slots.js';
import type { LoadErrors } from './load-errors.js';
import type { LazyTarget } from './lazy-target.js';
import type { RegisteredPlugin } from './registered-plugin.js';
import { PluginCreationError } from '../errors/plugin-creation-error.js';
import { quote } from '../internal/quote.js';

/**
 * The stand-in class of a manifest entry: loading it runs `load` (which imports `module`, whose
 * decorators register the real class in the entry's place) and returns the class registered.
 */
export function lazyTarget(
  slots: AliasSlots,
  loadErrors: LoadErrors,
  source: { alias: string; module: string; exportName: string | undefined; load: () => void },
): LazyTarget {
  const { alias, module, exportName, load } = source;
  return {
    source: { module, exportName },
    load: () => loadLazy(slots, loadErrors, alias, module, load).target,
  };
}

/** The real record for `entry`, importing its module first if it came from a manifest. */
export function materialize(slots: AliasSlots, entry: RegisteredPlugin): RegisteredPlugin {
  if (!entry.lazy) return entry;
  entry.load(); // imports the module, or throws PluginCreationError with the import error
  return slots.current(entry.key) ?? entry;
}

function loadLazy(
  slots: AliasSlots,
  loadErrors: LoadErrors,
  alias: string,
  module: string,
  load: () => void,
): RegisteredPlugin {
  const key = normalizeAlias(alias);
  const failed = loadErrors.get(module);
  if (failed !== undefined) throw new PluginCreationError(alias, [module], failed);
  if (slots.current(key)?.lazy) {
    slots.loading.add(module);
    try {
      load();
    } catch (error) {
      loadErrors.record(module, error);
      throw new PluginCreationError(alias, [module], error);
    } finally {
      slots.loading.delete(module);
    }
  }
  const real = slots.current(key);
  if (!real || real.lazy) {
    throw new PluginCreationError(alias, [module], new Error(`the module did not register ${quote(alias)}`));
  }
  return real;
}
