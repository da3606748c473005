import { fingerprintValue } from './canonical-json.js';
import { registrationSite, type RegistrationSite } from './registration-site.js';
import { InvalidPluginOptionsError } from '../errors/invalid-plugin-options-error.js';
import { PluginError } from '../errors/plugin-error.js';
import { copyOptions, isPlainObject, mergeOptions } from '../internal/options.js';
import { messageOf } from '../internal/quote.js';
import { describeValue, normalizeAlias } from '../registry/alias.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import type { KnownOptionKeys } from '../registry/known-option-keys.js';
import type { RegisteredPlugin } from '../registry/registered-plugin.js';
import { internals } from '../registry/registry-internals.js';
import { validateOptions } from '../registry/validate-options.js';
import { prepareSelection } from '../selection/prepare-selection.js';
import type { PluginsOption } from '../selection/read-plugins-option.js';

/** Where an option's value came from. */
export type OptionOrigin =
  /** The `params` of the variant registered under `alias`. */
  | { readonly from: 'params'; readonly alias: string }
  /** The `params` of `alias`, reached through the deprecated alias the selection typed. */
  | { readonly from: 'deprecation'; readonly alias: string; readonly deprecatedAlias: string }
  /** The selection read from `source` (`'--plugins'`, `'PLUGINS'`, `'config plugins'`), as text or as an object item. */
  | { readonly from: 'selection'; readonly source: string; readonly form: 'text' | 'object' }
  /** The plugin's schema: a default it filled in. */
  | { readonly from: 'schema' };

/** One option of a chosen plugin, fully resolved. */
export interface ChosenOption {
  readonly key: string;
  readonly value: unknown;
  readonly secret: boolean;
  readonly origin: OptionOrigin;
}

/** One plugin a selection stands for, as explanations and locks see it. */
export interface ChosenPlugin {
  readonly typed: string;
  readonly entry: RegisteredPlugin;
  readonly isDefault: boolean;
  readonly chosenBy: string;
  readonly deprecatedAlias: string | undefined;
  readonly position: number;
  readonly options: readonly ChosenOption[];
  readonly site: RegistrationSite;
  /** The absolute path of the module file that registered it, when known. */
  readonly file: string | undefined;
}

/**
 * The plugins `read` stands for, as `resolveAll` would build them (defaults filled in, rules checked, in
 * order), with every option's value and origin; builds nothing. Throws what `checkPluginSelection` throws.
 */
export function choosePlugins(read: PluginsOption, registry: PluginRegistry, root: string): ChosenPlugin[] {
  const forms = new Map<unknown, 'text' | 'object'>();
  read.choices.forEach((choice, index) => {
    if (choice.options !== undefined) forms.set(choice.options, read.forms?.[index] ?? 'object');
  });
  const items = prepareSelection(registry, read.choices);
  return items.flatMap((item, position): ChosenPlugin[] => {
    if (!('entry' in item)) return [];
    const { entry } = item;
    const deprecatedAlias = normalizeAlias(item.name) === entry.key ? undefined : item.name;
    const paramsOrigin: OptionOrigin =
      deprecatedAlias === undefined
        ? { from: 'params', alias: entry.alias }
        : { from: 'deprecation', alias: entry.alias, deprecatedAlias };
    const selectionOrigin: OptionOrigin = {
      from: 'selection',
      source: read.source,
      form: forms.get(item.options) ?? 'object',
    };
    const resolved = resolveOptions(entry, item.options, internals(registry).knownOptionKeys(entry));
    const secrets = new Set(entry.secretOptions ?? []);
    const origin = (key: string): OptionOrigin => {
      if (isPlainObject(item.options) && Object.hasOwn(item.options, key)) return selectionOrigin;
      if (entry.paramsGave(key)) return paramsOrigin;
      return { from: 'schema' };
    };
    const options = isPlainObject(resolved)
      ? Object.keys(resolved)
          .sort()
          .map((key) => ({ key, value: resolved[key], secret: secrets.has(key), origin: origin(key) }))
      : resolved === undefined
        ? []
        : [
            {
              key: '',
              value: resolved,
              secret: false,
              origin: item.options === undefined ? paramsOrigin : selectionOrigin,
            },
          ];
    const { site, file } = registrationSite(entry, root);
    return [
      {
        typed: item.name,
        entry,
        isDefault: item.isDefault,
        chosenBy: item.isDefault ? 'kind default' : read.source,
        deprecatedAlias,
        position,
        options,
        site,
        file,
      },
    ];
  });
}

/**
 * The options the constructor would receive, as resolving computes them: the params as registered when the
 * selection gives none, else the params merged with a copy of the selection's options and validated.
 * Options that cannot be read (a throwing getter, a Proxy) are refused.
 */
function resolveOptions(entry: RegisteredPlugin, options: unknown, known: KnownOptionKeys): unknown {
  if (options === undefined) return entry.copyParams();
  let copied: ReturnType<typeof copyOptions>;
  try {
    copied = copyOptions(options);
  } catch (error) {
    if (PluginError.is(error)) throw error;
    throw new InvalidPluginOptionsError(entry.alias, [
      { path: [], message: `options cannot be read: ${messageOf(error)}` },
    ]);
  }
  const { copy, issues } = copied;
  if (issues.length > 0) throw new InvalidPluginOptionsError(entry.alias, issues);
  if (!isPlainObject(copy) || copy === options) {
    throw new InvalidPluginOptionsError(entry.alias, [
      { path: [], message: `options must be a plain object, got ${describeValue(options)}` },
    ]);
  }
  const merged = mergeOptions(entry.params, copy);
  return validateOptions(entry.alias, merged, entry, known);
}

/** An option's value as explanations and locks show it: a fingerprint for a secret. */
export function shownValue(option: ChosenOption): unknown {
  return option.secret ? fingerprintValue(option.value) : option.value;
}
