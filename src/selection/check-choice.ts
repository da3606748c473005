import type { PluginChoice } from './plugin-selection.js';
import { InvalidPluginOptionsError } from '../errors/invalid-plugin-options-error.js';
import { copyOptions, isPlainObject, mergeOptions } from '../internal/options.js';
import { describeValue } from '../registry/alias.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import { internals } from '../registry/registry-internals.js';
import { validateOptions } from '../registry/validate-options.js';

/**
 * Checks one choice of a selection against `registry` as it is read, the same whether it was written as text or
 * as an object, in the order text is checked: options are copied (a key that could pollute a prototype is
 * refused, as the text syntax refuses it), then an unknown alias is an UnknownPluginError (with `detail`, such as
 * where it is in the text), then the options are merged over the params and validated (unknown keys and the
 * schema) as a resolve would: InvalidPluginOptionsError.
 */
export function checkChoice(registry: PluginRegistry, choice: PluginChoice<unknown>, detail?: string): void {
  // What the text syntax refuses while reading (a key that could pollute a prototype) comes before the look-up.
  const { copy, issues } = copyOptions(choice.options);
  if (issues.length > 0) throw new InvalidPluginOptionsError(choice.alias, issues);
  const core = internals(registry);
  const entry = core.lookup(choice.alias);
  if (!entry) throw core.unknown(choice.alias, undefined, detail);
  if (choice.options === undefined) return;
  if (!isPlainObject(copy)) {
    throw new InvalidPluginOptionsError(entry.alias, [
      { path: [], message: `options must be a plain object, got ${describeValue(choice.options)}` },
    ]);
  }
  validateOptions(entry.alias, mergeOptions(entry.params, copy), entry, core.knownOptionKeys(entry));
}
