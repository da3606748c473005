import { choosePlugins, shownValue, type OptionOrigin } from './chosen-plugins.js';
import type { RegistrationSite } from './registration-site.js';
import { lockOptions, readOption, type PluginLockOptions } from './lock-arguments.js';
import type { PluginsOption } from '../selection/read-plugins-option.js';

export type { OptionOrigin } from './chosen-plugins.js';
export type { RegistrationSite } from './registration-site.js';
export type { PluginLockOptions } from './lock-arguments.js';

/** Why a selection holds each of its plugins, with every option's value and origin. */
export interface PluginExplanation {
  /** The source the selection was read from (`'--plugins'`, `'PLUGINS'`, `'config plugins'`, `'default'`). */
  readonly source: string;
  /** In the order `resolveAll` builds them, kind defaults included. */
  readonly plugins: readonly ExplainedPlugin[];
}

/** One plugin of an explanation. */
export interface ExplainedPlugin {
  /** The alias as the selection typed it (for a kind default, as `defineKind` names it). */
  readonly typed: string;
  /** The alias as registered. */
  readonly alias: string;
  readonly kind: string;
  /** True if the selection left the kind out and its default was filled in. */
  readonly isDefault: boolean;
  /** The source that chose it, or `'kind default'`. */
  readonly chosenBy: string;
  /** The deprecated alias the selection typed, when it led here. */
  readonly deprecatedAlias: string | undefined;
  /** The class's name (for a manifest entry, the name the manifest gives). */
  readonly className: string | undefined;
  readonly registeredAt: RegistrationSite;
  /** Its place in the build order, from 0 (`order`, `before`, `after`, then the selection's order). */
  readonly position: number;
  /** Every option the constructor would receive, by key. */
  readonly options: readonly ExplainedOption[];
}

/** One option of an explained plugin. A secret's value is not shown: `value` is its fingerprint (`sha256:...`). */
export interface ExplainedOption {
  readonly key: string;
  readonly value: unknown;
  /** True if the plugin marks the key as secret (`secretOptions`). */
  readonly secret: boolean;
  readonly origin: OptionOrigin;
}

/**
 * Explains a selection without building anything: for each plugin it stands for (kind defaults included, in
 * build order), the alias typed and registered, the kind, where the class was registered, and every option
 * with its value and origin (the variant's `params`, the selection at its source, the schema's default, or a
 * deprecated alias's successor). Throws what `checkPluginSelection` throws for a selection that cannot run.
 *
 * @example
 * const read = readPluginsOption({ argv: process.argv.slice(2), env: process.env, registry });
 * for (const plugin of explainPluginSelection(read, { registry }).plugins) console.log(plugin.alias, plugin.chosenBy);
 */
export function explainPluginSelection(read: PluginsOption, options?: PluginLockOptions): PluginExplanation {
  const { registry, root } = lockOptions('explainPluginSelection()', options);
  const checked = readOption('explainPluginSelection()', read);
  const chosen = choosePlugins(checked, registry, root);
  return {
    source: checked.source,
    plugins: chosen.map((plugin) => ({
      typed: plugin.typed,
      alias: plugin.entry.alias,
      kind: plugin.entry.kind,
      isDefault: plugin.isDefault,
      chosenBy: plugin.chosenBy,
      deprecatedAlias: plugin.deprecatedAlias,
      className: plugin.entry.lazy ? plugin.entry.lazy.exportName : plugin.entry.className,
      registeredAt: plugin.site,
      position: plugin.position,
      options: plugin.options.map((option) => ({
        key: option.key,
        value: shownValue(option),
        secret: option.secret,
        origin: option.origin,
      })),
    })),
  };
}
