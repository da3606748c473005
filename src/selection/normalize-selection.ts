import { PluginSelectionError } from '../errors/plugin-selection-error.js';
import { isPlainObject } from '../internal/options.js';
import { describeValue } from '../registry/alias.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import { parsePluginSelection } from './parse-plugin-selection.js';
import type { PluginChoice } from './plugin-selection.js';

/**
 * A selection item, told apart: a choice to resolve, or an instance to use as it is. `checked`: the choice was
 * read from text and already looked up in the registry (which counted a deprecated alias's use).
 */
export type NormalizedItem = { choice: PluginChoice<unknown>; checked?: boolean } | { instance: object };

/**
 * Splits a selection into choices and instances, or throws PluginSelectionError naming the bad item.
 * Strings are read with the selection syntax (`'ddp(workers=4), bf16-mixed'`), checked against `registry`.
 */
export function normalizeSelection(selection: unknown, registry?: PluginRegistry): NormalizedItem[] {
  const items: unknown[] = Array.isArray(selection) ? selection : [selection];
  return items.flatMap((item, index): NormalizedItem | NormalizedItem[] => {
    if (typeof item === 'string') {
      return parsePluginSelection(item, registry ? { registry } : {}).map((choice) => ({
        choice,
        checked: registry !== undefined,
      }));
    }
    if (isPlainObject(item)) {
      const { alias, options, ...rest } = item;
      const extra = Object.keys(rest);
      if (typeof alias === 'string' && extra.length === 0) {
        return { choice: options === undefined ? { alias } : { alias, options } };
      }
      throw selectionError(index, item, extra.length > 0 ? `unknown keys ${extra.join(', ')}` : 'no string alias');
    }
    if (typeof item === 'object' && item !== null && !Array.isArray(item)) return { instance: item };
    throw selectionError(index, item, 'not a plugin');
  });
}

function selectionError(index: number, item: unknown, problem: string): PluginSelectionError {
  return new PluginSelectionError(
    `Invalid plugin selection at [${String(index)}]: ${describeValue(item)} (${problem}). ` +
      "Use an alias ('ddp'), { alias: 'ddp', options: { ... } }, a plugin instance, or an array of these.",
  );
}
