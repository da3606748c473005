import { InvalidPluginOptionsError } from '../errors/invalid-plugin-options-error.js';
import { assignFlatOverrides, cloneOptions, copyOptions, isPlainObject, mergeOptions } from '../internal/options.js';
import { describeValue } from '../registry/alias.js';
import type { KnownOptionKeys } from '../registry/known-option-keys.js';
import type { RegisteredPlugin } from '../registry/registered-plugin.js';
import type { RegistryCore } from '../registry/registry-core.js';
import { assertKnownOptionKeys, validateOptions } from '../registry/validate-options.js';

/** Refuses per-call options for a singleton, which is built once per container. */
export function assertNoOverrides(real: RegisteredPlugin, overrides: unknown): void {
  if (overrides !== undefined) {
    throw new InvalidPluginOptionsError(real.alias, [
      { path: [], message: 'a singleton plugin is built once per container and takes no per-call options' },
    ]);
  }
}

/** A fresh copy of the entry's params with `overrides` (checked) merged in. */
export function optionsFor(entry: RegisteredPlugin, overrides: unknown, core: RegistryCore): unknown {
  if (overrides === undefined) return entry.copyParams();
  const known = core.knownOptionKeys(entry);
  const flat = entry.schema || !entry.objectParams ? undefined : flatOptions(entry, overrides);
  if (flat !== undefined) {
    assertKnownOptionKeys(entry.alias, overrides, known);
    return flat;
  }
  return mergedOptions(entry, overrides, known);
}

/** The general path of `optionsFor`: copy and check the overrides, merge, validate, copy. */
function mergedOptions(entry: RegisteredPlugin, overrides: unknown, known: KnownOptionKeys): unknown {
  const { copy, issues } = copyOptions(overrides);
  if (issues.length > 0) throw new InvalidPluginOptionsError(entry.alias, issues);
  // A copy was made only of a plain object or an array (a Proxy or class instance is kept as it is).
  if (copy === overrides || typeof copy !== 'object' || copy === null || Array.isArray(copy)) {
    throw new InvalidPluginOptionsError(entry.alias, [
      { path: [], message: `options must be a plain object, got ${describeValue(overrides)}` },
    ]);
  }
  const merged = mergeOptions(entry.params, copy);
  return cloneOptions(validateOptions(entry.alias, merged, entry, known));
}

/**
 * The common case in one copy: the params' copy with flat `overrides` assigned over it. Undefined when the
 * overrides need the general path, which also reports whatever is wrong with them (a getter that throws among it).
 */
function flatOptions(entry: RegisteredPlugin, overrides: unknown): Record<string, unknown> | undefined {
  try {
    if (!isPlainObject(overrides)) return undefined;
    const merged = entry.copyParams() as Record<string, unknown>;
    return assignFlatOverrides(merged, overrides) ? merged : undefined;
  } catch {
    return undefined;
  }
}
