import { InvalidPluginOptionsError } from '../errors/invalid-plugin-options-error.js';
import { assignFlatOverrides, cloneOptions, copyOptions, mergeOptions } from '../internal/options.js';
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
  if (!entry.schema && entry.objectParams) {
    const options = entry.copyParams() as Record<string, unknown>;
    const added = assignFlat(options, overrides);
    // Keys the params hold are known: others are looked up (their variants' params, optionKeys, secrets).
    if (added > 0) assertKnownOptionKeys(entry.alias, overrides, core.knownOptionKeys(entry));
    if (added >= 0) return options;
  }
  return mergedOptions(entry, overrides, core.knownOptionKeys(entry));
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
 * The common case in one copy: flat `overrides` assigned over `options` (the params' copy). Returns how many
 * override keys the params lack, or -1 when the overrides need the general path, which also reports whatever
 * is wrong with them (a getter that throws among it).
 */
function assignFlat(options: Record<string, unknown>, overrides: unknown): number {
  try {
    return assignFlatOverrides(options, overrides);
  } catch {
    return -1;
  }
}
