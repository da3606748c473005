import type { LoadedPlugins } from './load-plugins.js';
import { normalizeAlias } from '../registry/alias.js';
import type { PluginOrder, PluginOrderTarget } from '../registry/plugin-order.js';
import type { PluginIncompatibility, PluginRequirement } from '../registry/plugin-rules.js';
import type { RegisteredPlugin } from '../registry/registered-plugin.js';
import { internals } from '../registry/registry-internals.js';

/** Everything the command shows about one plugin; JSON as it is (`--json`). */
export interface PluginInfo {
  readonly alias: string;
  readonly kind: string;
  readonly className: string;
  /** The module that registers it, as discovery or the manifest names it. */
  readonly module: string | undefined;
  /** Where it was registered (`file:line`); unknown for a plugin from a manifest, whose module is not imported. */
  readonly source: string | undefined;
  readonly description: string | undefined;
  readonly recommendedWhen: string | undefined;
  readonly scope: string;
  readonly params: unknown;
  readonly optionKeys: readonly string[] | undefined;
  /** The option keys it declares: its schema's, `optionKeys` and the params of its class's variants. */
  readonly knownOptionKeys: readonly string[];
  /**
   * How a key it does not declare is judged: `'refused'`, `'accepted'` (`allowUnknownOptions`, or a schema of
   * open-ended keys), `'schema'` (accepted if its schema keeps it), or `'on load'` (a manifest plugin not imported).
   */
  readonly otherOptionKeys: 'refused' | 'accepted' | 'schema' | 'on load';
  /** True if the registration says `allowUnknownOptions: true`. */
  readonly allowUnknownOptions: boolean;
  /** The schema's vendor (`zod`, `valibot`, ...), true for a manifest plugin that has one, or false. */
  readonly schema: string | boolean;
  /** True if it has a `recommend()` predicate. */
  readonly recommend: boolean;
  readonly deprecatedAliases: readonly string[];
  /** True if its kind allows one plugin per selection. */
  readonly exclusiveKind: boolean;
  /** True if it is its kind's default (`defineKind(kind, { default })`). */
  readonly kindDefault: boolean;
  /** What it requires of a selection. */
  readonly requires: PluginRequirement | undefined;
  /** What it cannot run with. */
  readonly incompatibleWith: readonly PluginIncompatibility[] | undefined;
  /** True if it has a `check` predicate (whose rule cannot be shown). */
  readonly check: boolean;
  /** `'first'` or `'last'` among the plugins of its kind, if declared. */
  readonly order: PluginOrder | undefined;
  /** The plugins it runs before, when selected. */
  readonly before: readonly PluginOrderTarget[] | undefined;
  /** The plugins it runs after, when selected. */
  readonly after: readonly PluginOrderTarget[] | undefined;
  /** False for a plugin known from the manifest whose module was not imported. */
  readonly loaded: boolean;
}

/**
 * What the command shows about `entry`, without importing the module of a manifest entry. `deprecated` is
 * `deprecatedAliases(plugins)`: a listing of a thousand plugins makes it once.
 */
export function pluginInfo(
  entry: RegisteredPlugin,
  plugins: LoadedPlugins,
  deprecated: ReadonlyMap<string, readonly string[]> = deprecatedAliases(plugins),
): PluginInfo {
  const key = normalizeAlias(entry.alias);
  const fromManifest = entry.lazy ? plugins.manifestPlugins.get(key) : undefined;
  const schema = entry.schema ? entry.schema['~standard'].vendor : (fromManifest?.hasSchema ?? false);
  const known = internals(plugins.registry).knownOptionKeys(entry);
  return {
    alias: entry.alias,
    kind: entry.kind,
    className: entry.lazy ? (fromManifest?.className ?? entry.lazy.exportName ?? '?') : entry.target.name,
    module: plugins.modules.get(key) ?? entry.lazy?.module,
    source: entry.lazy ? undefined : entry.source,
    description: entry.description,
    recommendedWhen: entry.recommendedWhen,
    scope: entry.scope,
    params: entry.params,
    optionKeys: entry.optionKeys,
    knownOptionKeys: known.keys,
    otherOptionKeys: entry.lazy && known.others === 'accepted' && !entry.allowUnknownOptions ? 'on load' : known.others,
    allowUnknownOptions: entry.allowUnknownOptions,
    schema,
    recommend: entry.recommend !== undefined || fromManifest?.hasRecommend === true,
    deprecatedAliases: [...(deprecated.get(key) ?? [])],
    exclusiveKind: internals(plugins.registry).kindOptions(entry.kind).exclusive,
    kindDefault: isKindDefault(plugins, entry),
    requires: entry.requires,
    incompatibleWith: entry.incompatibleWith,
    check: entry.check !== undefined || fromManifest?.hasCheck === true,
    order: entry.order,
    before: entry.before,
    after: entry.after,
    loaded: !entry.lazy,
  };
}

/** The deprecated aliases of each plugin, by the key of the plugin they lead to, in the registry's order. */
export function deprecatedAliases(plugins: LoadedPlugins): Map<string, string[]> {
  const core = internals(plugins.registry);
  const byKey = new Map<string, string[]>();
  for (const { alias, successor } of plugins.registry.deprecations()) {
    const key = core.canonicalKey(successor);
    const aliases = byKey.get(key);
    if (aliases) aliases.push(alias);
    else byKey.set(key, [alias]);
  }
  return byKey;
}

function isKindDefault(plugins: LoadedPlugins, entry: RegisteredPlugin): boolean {
  const core = internals(plugins.registry);
  const fallback = core.kindOptions(entry.kind).default;
  return fallback !== undefined && core.canonicalKey(fallback) === normalizeAlias(entry.alias);
}
