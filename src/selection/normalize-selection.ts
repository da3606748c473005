import { PluginError } from '../errors/plugin-error.js';
import { PluginSelectionError } from '../errors/plugin-selection-error.js';
import { messageOf, quote, quoteList } from '../internal/quote.js';
import { suggestAliases } from '../registry/suggest.js';
import { checkChoice } from './check-choice.js';
import { isPlainObject } from '../internal/options.js';
import { describeValue } from '../registry/alias.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import { parsePluginSelection, parseSelectionCollecting } from './parse-plugin-selection.js';
import type { PluginChoice } from './plugin-selection.js';

/** The most items one selection may hold: more is not something a person wrote. */
const MAX_SELECTION_ITEMS = 10_000;

/**
 * A selection item, told apart: a choice to resolve, or an instance to use as it is. `checked`: the choice was
 * read from text and already looked up in the registry (which counted a deprecated alias's use).
 */
export type NormalizedItem = { choice: PluginChoice<unknown>; checked?: boolean; text?: true } | { instance: object };

/**
 * Splits a selection into choices and instances, or throws PluginSelectionError naming the bad item.
 * Strings are read with the selection syntax (`'ddp(workers=4), bf16-mixed'`), checked against `registry`;
 * with `checkObjects`, `{ alias, options }` items are checked against it as well, as text is (and collected in
 * `problems` like text's when it is given).
 */
export function normalizeSelection(
  selection: unknown,
  registry?: PluginRegistry,
  problems?: PluginError[],
  checkObjects = false,
): NormalizedItem[] {
  try {
    return normalizeItems(selection, registry, problems, checkObjects);
  } catch (error) {
    if (PluginError.is(error)) throw error;
    throw new PluginSelectionError(`Reading the plugin selection threw: ${messageOf(error)}.`);
  }
}

/** With `problems` (and a registry), choices in text that the registry refuses are collected there and left out. */
function normalizeItems(
  selection: unknown,
  registry: PluginRegistry | undefined,
  problems: PluginError[] | undefined,
  checkObjects: boolean,
): NormalizedItem[] {
  const items = Array.isArray(selection) ? (selection as unknown[]) : [selection];
  if (items.length > MAX_SELECTION_ITEMS) {
    throw new PluginSelectionError(
      `A plugin selection holds at most ${String(MAX_SELECTION_ITEMS)} items, got ${String(items.length)}.`,
    );
  }
  const normalized: NormalizedItem[] = [];
  for (let index = 0; index < items.length; index += 1) {
    try {
      if (!(index in items)) throw selectionError(index, undefined, 'a hole in a sparse array');
      const item = items[index];
      if (typeof item === 'string') {
        const choices =
          registry && problems
            ? parseSelectionCollecting(item, registry, problems)
            : parsePluginSelection(item, registry ? { registry } : {});
        for (const choice of choices) {
          normalized.push({ choice, checked: registry !== undefined, text: true });
        }
      } else if (isPlainObject(item)) {
        const { alias, options, ...rest } = item;
        const extra = Object.keys(rest);
        if (typeof alias !== 'string' || extra.length > 0) {
          throw selectionError(index, item, extra.length > 0 ? unknownItemKeys(extra) : 'no string alias');
        }
        const choice = options === undefined ? { alias } : { alias, options };
        // Read from a config as text is: checked now, as the same item written as text would be.
        if (registry && checkObjects) checkChoice(registry, choice);
        normalized.push({ choice, checked: registry !== undefined && checkObjects });
      } else if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
        if (isThenable(item)) throw selectionError(index, item, 'a Promise: await it first');
        normalized.push({ instance: item });
      } else {
        throw selectionError(index, item, 'not a plugin');
      }
    } catch (error) {
      // Collecting: a bad item is one problem; the items after it are still read.
      if (!problems || !PluginError.is(error)) throw error;
      problems.push(error);
    }
  }
  return normalized;
}

/** `unknown key "option" (did you mean "options"?)`: an item holds `alias` and `options` only. */
function unknownItemKeys(extra: readonly string[]): string {
  const named = extra.slice(0, 10).map((key) => {
    const close = suggestAliases(key, ['alias', 'options']);
    return close.length > 0 ? `${quote(key)}, did you mean ${quoteList(close, 'or')}?` : quote(key);
  });
  if (extra.length > 10) named.push(`${String(extra.length - 10)} more`);
  return `unknown key${extra.length > 1 ? 's' : ''} ${named.join('; ')}`;
}

function selectionError(index: number, item: unknown, problem: string): PluginSelectionError {
  return new PluginSelectionError(
    `Invalid plugin selection at [${String(index)}]: ${describeValue(item)} (${problem}). ` +
      "Use an alias ('ddp'), { alias: 'ddp', options: { ... } }, a plugin instance, or an array of these.",
  );
}

/** A Promise (or any thenable) in a selection is a forgotten `await`, not a plugin instance. */
function isThenable(item: object): boolean {
  try {
    return typeof (item as { then?: unknown }).then === 'function';
  } catch {
    return false;
  }
}
