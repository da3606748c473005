import type { PreparedItem } from './prepared-item.js';
import { InvalidPluginOptionsError } from '../errors/invalid-plugin-options-error.js';
import { PluginConstraintError, type PluginConstraintViolation } from '../errors/plugin-constraint-error.js';
import { PluginError } from '../errors/plugin-error.js';
import { mergeOptions } from '../internal/options.js';
import { messageOf, quote, quoteList, safeText } from '../internal/quote.js';
import { describeValue, normalizeAlias } from '../registry/alias.js';
import type { RegistryCore } from '../registry/registry-core.js';
import type { SelectedPlugin, SelectionView } from '../registry/plugin-rules.js';
import type { RegisteredPlugin } from '../registry/registered-plugin.js';

type Violation = Omit<PluginConstraintViolation, 'plugin' | 'source'>;

/**
 * Checks every rule of every plugin in `items` (defaults included); throws PluginConstraintError listing all
 * violations, `found` (those of the order declarations) first.
 */
export function checkRules(
  registry: RegistryCore,
  items: readonly PreparedItem[],
  found: readonly PluginConstraintViolation[] = [],
): void {
  if (found.length === 0 && !items.some((item) => 'entry' in item && item.entry.rules)) return;
  const plugins = items.map(selectedPlugin);
  const violations: PluginConstraintViolation[] = [...found];
  items.forEach((item, index) => {
    if (!('entry' in item) || !item.entry.rules) return;
    const self = plugins[index] as SelectedPlugin;
    const found = [
      ...requirements(registry, item.entry, items),
      ...incompatibilities(registry, item.entry, items),
      ...predicate(item.entry, view(registry, plugins, self)),
    ];
    for (const violation of found) {
      violations.push({ ...violation, plugin: item.name, source: item.entry.source });
    }
  });
  if (violations.length > 0) throw new PluginConstraintError(violations);
}

/** The selection as a `check` predicate sees it. */
export function view(registry: RegistryCore, plugins: readonly SelectedPlugin[], self: SelectedPlugin): SelectionView {
  return {
    plugins,
    self,
    ofKind: (kind) => plugins.filter((plugin) => plugin.kind === kind),
    has: (alias) => {
      const key = registry.canonicalKey(alias);
      return plugins.some((plugin) => plugin.alias !== undefined && normalizeAlias(plugin.alias) === key);
    },
  };
}

/** What a rule sees of one item. */
export function selectedPlugin(item: PreparedItem): SelectedPlugin {
  if ('instance' in item)
    return { alias: undefined, name: item.name, kind: item.kind, options: undefined, isDefault: false };
  const options = item.options === undefined ? item.entry.params : readOptions(item.entry, item.options);
  return { alias: item.entry.alias, name: item.name, kind: item.kind, options, isDefault: item.isDefault };
}

/** The item's params merged with its options; options that cannot be read (a throwing getter, a Proxy) are refused. */
function readOptions(entry: RegisteredPlugin, options: unknown): unknown {
  try {
    return mergeOptions(entry.params, options);
  } catch (error) {
    if (PluginError.is(error)) throw error;
    throw new InvalidPluginOptionsError(entry.alias, [
      { path: [], message: `options cannot be read: ${messageOf(error)}` },
    ]);
  }
}

function requirements(registry: RegistryCore, entry: RegisteredPlugin, items: readonly PreparedItem[]): Violation[] {
  const { requires } = entry.rules ?? {};
  if (requires === undefined) return [];
  const self = label(items.find((item) => 'entry' in item && item.entry === entry));
  if (isAliasList(requires)) {
    return requires
      .filter((alias) => !items.some((item) => matches(registry, item, alias)))
      .map((alias) => ({
        other: undefined,
        rule: 'requires' as const,
        reason: `${self} requires ${quote(alias)}, which is not selected (requires)`,
        satisfiedBy: [registry.lookup(alias)?.alias ?? alias],
      }));
  }
  return Object.entries(requires).flatMap(([kind, aliases]): Violation[] => {
    const ofKind = items.filter((item) => item.kind === kind);
    const ok =
      aliases.length === 0 ? ofKind.length > 0 : ofKind.some((item) => aliases.some((a) => matches(registry, item, a)));
    if (ok) return [];
    const wanted = aliases.length === 0 ? 'a plugin' : `one of ${quoteList(aliases, 'or')}`;
    const has = ofKind.length === 0 ? 'the selection has none' : `the selection has ${ofKind.map(label).join(', ')}`;
    return [
      {
        other: ofKind.length === 0 ? undefined : ofKind.map((item) => item.name).join(', '),
        rule: 'requires',
        reason: `${self} requires ${wanted} of kind ${quote(kind)}; ${has} (requires)`,
        satisfiedBy: aliases.length > 0 ? [...aliases] : registry.records(kind).map((e) => e.alias),
      },
    ];
  });
}

function incompatibilities(
  registry: RegistryCore,
  entry: RegisteredPlugin,
  items: readonly PreparedItem[],
): Violation[] {
  const rules = entry.rules?.incompatibleWith ?? [];
  const self = label(items.find((item) => 'entry' in item && item.entry === entry));
  return rules.flatMap((rule): Violation[] => {
    const others = items.filter((item) =>
      typeof rule === 'string' ? matches(registry, item, rule) : item.kind === rule.kind && !isSelf(item, entry),
    );
    return others.map((other) => ({
      other: other.name,
      rule: 'incompatibleWith' as const,
      reason:
        typeof rule === 'string'
          ? `${self} cannot run with ${label(other)} (incompatibleWith)`
          : `${self} cannot run with any plugin of kind ${quote(rule.kind)}, got ${label(other)} (incompatibleWith)`,
      satisfiedBy: typeof rule === 'string' ? alternatives(registry, other.kind, rules, entry) : [],
    }));
  });
}

function predicate(entry: RegisteredPlugin, selection: SelectionView): Violation[] {
  const check = entry.rules?.check;
  if (!check) return [];
  let reason: unknown;
  try {
    reason = check(selection);
  } catch (error) {
    reason = `its check threw: ${messageOf(error)}`;
  }
  if (reason === undefined) return [];
  const text = typeof reason === 'string' ? reason : `its check returned ${describeValue(reason)} instead of a string`;
  return [
    {
      other: undefined,
      rule: 'check',
      reason: `${label(selection.self)}: ${safeText(text, { oneLine: true })} (check)`,
      satisfiedBy: [],
    },
  ];
}

/** The aliases of `kind` that none of `rules` excludes, other than the plugin itself. */
function alternatives(
  registry: RegistryCore,
  kind: string,
  rules: readonly (string | { kind: string })[],
  entry: RegisteredPlugin,
): string[] {
  const excluded = new Set(
    rules.filter((rule) => typeof rule === 'string').map((alias) => registry.canonicalKey(alias)),
  );
  return registry
    .records(kind)
    .filter((other) => other !== entry && !excluded.has(other.key))
    .map((other) => other.alias);
}

/** True if `item` is the plugin `alias` stands for (compared as look-ups compare), or an instance of its class. */
export function matches(registry: RegistryCore, item: PreparedItem, alias: string): boolean {
  if ('entry' in item) return item.entry.key === registry.canonicalKey(alias);
  const entry = registry.lookup(alias);
  return entry !== undefined && !entry.lazy && item.instance instanceof entry.target;
}

function isSelf(item: PreparedItem, entry: RegisteredPlugin): boolean {
  return 'entry' in item && item.entry === entry;
}

function isAliasList(value: unknown): value is readonly string[] {
  return Array.isArray(value);
}

function label(item: { name: string; kind: string; isDefault: boolean } | undefined): string {
  if (!item) return '(unknown)';
  return item.isDefault ? `${quote(item.name)} (the default ${item.kind})` : quote(item.name);
}
