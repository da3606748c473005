import type { PreparedItem } from './prepared-item.js';
import { InvalidPluginOptionsError } from '../errors/invalid-plugin-options-error.js';
import { PluginConstraintError, type PluginConstraintViolation } from '../errors/plugin-constraint-error.js';
import { PluginError } from '../errors/plugin-error.js';
import { groupPush } from '../internal/group-push.js';
import { handleThenable } from '../internal/handle-thenable.js';
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
  const selection: Selection = {
    items,
    keys: new Set(items.flatMap((item) => ('entry' in item ? [item.entry.key] : []))),
    instances: items.some((item) => 'instance' in item),
    byKind: new Map(),
  };
  for (const item of items) groupPush(selection.byKind, item.kind, item);
  const violations: PluginConstraintViolation[] = [...found];
  items.forEach((item, index) => {
    if (!('entry' in item) || !item.entry.rules) return;
    const self = plugins[index] as SelectedPlugin;
    const broken = [
      ...requirements(registry, item, selection),
      ...incompatibilities(registry, item, items),
      ...predicate(item.entry, view(registry, plugins, self)),
    ];
    if (broken.length === 0) return;
    // Read once per plugin: formatting where it was registered reads a stack, which is costly.
    const source = item.entry.source;
    for (const violation of broken) violations.push({ ...violation, plugin: item.name, source });
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

/** A selection with what every rule looks up in it, computed once. */
interface Selection {
  readonly items: readonly PreparedItem[];
  /** The keys of the registered plugins selected. */
  readonly keys: ReadonlySet<string>;
  /** Whether it holds instances (which only a look-up per item can match). */
  readonly instances: boolean;
  /** The items of each kind. */
  readonly byKind: Map<string, PreparedItem[]>;
}

function requirements(
  registry: RegistryCore,
  item: PreparedItem & { entry: RegisteredPlugin },
  selection: Selection,
): Violation[] {
  const { requires } = item.entry.rules ?? {};
  if (requires === undefined) return [];
  const { items } = selection;
  const self = label(item);
  if (isAliasList(requires)) {
    return requires
      .filter((alias) => {
        if (selection.keys.has(registry.canonicalKey(alias))) return false;
        return !selection.instances || !items.some((other) => matches(registry, other, alias));
      })
      .map((alias) => ({
        other: undefined,
        rule: 'requires' as const,
        reason: `${self} requires ${quote(alias)}, which is not selected (requires)`,
        satisfiedBy: [registry.lookup(alias)?.alias ?? alias],
      }));
  }
  return Object.entries(requires).flatMap(([kind, aliases]): Violation[] => {
    const ofKind = selection.byKind.get(kind) ?? [];
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
  item: PreparedItem & { entry: RegisteredPlugin },
  items: readonly PreparedItem[],
): Violation[] {
  const { entry } = item;
  const rules = entry.rules?.incompatibleWith ?? [];
  if (rules.length === 0) return [];
  const self = label(item);
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
  return [
    {
      other: undefined,
      rule: 'check',
      reason: `${label(selection.self)}: ${safeText(checkText(reason), { oneLine: true, max: MAX_CHECK_TEXT })} (check)`,
      satisfiedBy: [],
    },
  ];
}

/** The most characters of what one `check` returned that a violation keeps. */
const MAX_CHECK_TEXT = 500;

/** What a check's verdict says; a thenable (checks are synchronous) is a broken contract, and its rejection is handled. */
function checkText(reason: unknown): string {
  if (typeof reason === 'string') return reason;
  switch (handleThenable(reason)) {
    case 'thenable':
      return 'its check returned a promise; a check must be synchronous and return a string or undefined';
    case 'throwing-then':
      return 'its check returned an object whose "then" getter throws; a check must return a string or undefined';
    default:
      return `its check returned ${describeValue(reason)} instead of a string`;
  }
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
