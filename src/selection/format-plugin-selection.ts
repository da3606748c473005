import type { PluginChoice } from './plugin-selection.js';
import { PluginSelectionError } from '../errors/plugin-selection-error.js';
import { isPlainObject } from '../internal/options.js';
import { quote } from '../internal/quote.js';

const BARE_SAFE = /^[^\s,()=[\]{}"']+$/;
const NUMBER_OR_KEYWORD = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)$/;

/**
 * Writes choices in the text syntax that `parsePluginSelection` reads back to the same choices.
 *
 * @example
 * formatPluginSelection([{ alias: 'ddp', options: { workers: 4 } }, { alias: 'bf16-mixed' }]); // 'ddp(workers=4), bf16-mixed'
 */
export function formatPluginSelection(choices: readonly PluginChoice<unknown>[]): string {
  return choices
    .map(({ alias, options }) => {
      if (!isPlainObject(options)) return alias;
      const pairs = Object.entries(options).map(([key, value]) => `${key}=${formatValue(alias, key, value)}`);
      return `${alias}(${pairs.join(', ')})`;
    })
    .join(', ');
}

function formatValue(alias: string, key: string, value: unknown): string {
  if (typeof value === 'string') {
    return BARE_SAFE.test(value) && !NUMBER_OR_KEYWORD.test(value) ? value : JSON.stringify(value);
  }
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return 'null';
  try {
    return JSON.stringify(value);
  } catch {
    // JSON.stringify throws a TypeError for cycles and BigInts, and a RangeError for very deep nesting.
    throw new PluginSelectionError(
      `Cannot write option ${quote(key)} of plugin ${quote(alias)} as text: it must be JSON data, ` +
        'without cycles or BigInts, and not nested thousands of levels deep.',
    );
  }
}
