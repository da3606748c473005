import { PluginSelectionError } from '../errors/plugin-selection-error.js';
import { messageOf, quote, quoteList } from '../internal/quote.js';
import { describeValue } from '../registry/alias.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import { registryArgument } from '../registry/registry-argument.js';
import { pluginsRegistry } from '../registry/plugins-registry.js';
import { suggestAliases } from '../registry/suggest.js';
import type { PluginsOption } from '../selection/read-plugins-option.js';

/** Where `explainPluginSelection` and the lock functions look: the registry, and the folder paths are relative to. */
export interface PluginLockOptions {
  /** The registry the selection is read against. Default: `pluginsRegistry`. */
  registry?: PluginRegistry;
  /** The folder module paths are written relative to. Default: the working directory. */
  root?: string;
}

/** The options object of `method`, read once and checked (known keys, right types); throws PluginSelectionError. */
export function lockOptions<TKey extends string>(
  method: string,
  options: unknown,
  extra: readonly TKey[] = [],
): { registry: PluginRegistry; root: string } & Partial<Record<TKey, unknown>> {
  const known = ['registry', 'root', ...extra];
  type Result = { registry: PluginRegistry; root: string } & Partial<Record<TKey, unknown>>;
  if (options === undefined) return { registry: pluginsRegistry, root: process.cwd() } as Result;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new PluginSelectionError(`${method} takes an options object, got ${describeValue(options)}.`);
  }
  let copy: Record<string, unknown>;
  try {
    copy = { ...(options as Record<string, unknown>) };
  } catch (error) {
    throw new PluginSelectionError(`${method}: reading the options threw: ${messageOf(error)}.`);
  }
  for (const key of Object.keys(copy)) {
    if (known.includes(key)) continue;
    const close = suggestAliases(key, known);
    const hint = close.length > 0 ? ` Did you mean ${quoteList(close, 'or')}?` : '';
    throw new PluginSelectionError(
      `${method}: unknown option ${quote(key)}.${hint} Known options: ${known.join(', ')}.`,
    );
  }
  const { registry, root } = copy as PluginLockOptions;
  if (registry !== undefined) registryArgument(registry, method);
  if (root !== undefined && (typeof root !== 'string' || root === '')) {
    throw new PluginSelectionError(`${method}: root must be a folder path, got ${describeValue(root)}.`);
  }
  return { ...copy, registry: registry ?? pluginsRegistry, root: root ?? process.cwd() } as Result;
}

/** What `readPluginsOption` returned, checked: `{ choices, source, forms? }`; throws PluginSelectionError. */
export function readOption(method: string, read: unknown): PluginsOption {
  try {
    if (typeof read === 'object' && read !== null) {
      const { choices, source, forms } = read as Record<string, unknown>;
      if (Array.isArray(choices) && typeof source === 'string' && (forms === undefined || Array.isArray(forms))) {
        return {
          choices: [...(choices as PluginsOption['choices'])],
          source,
          ...(forms === undefined ? {} : { forms: [...(forms as PluginsOption['forms'] & unknown[])] }),
        };
      }
    }
  } catch (error) {
    throw new PluginSelectionError(`${method}: reading the selection threw: ${messageOf(error)}.`);
  }
  throw new PluginSelectionError(
    `${method} takes what readPluginsOption() returns ({ choices, source }), got ${describeValue(read)}. ` +
      "For a selection in code, pass { choices: [{ alias: 'ddp' }], source: 'code' }.",
  );
}
