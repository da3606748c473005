import { groupPush } from '../internal/group-push.js';
import { kindOfInstance, nameOfInstance } from '../registry/instance-kind.js';
import { checkRules } from './check-rules.js';
import type { PreparedItem } from './prepared-item.js';
import { normalizeSelection, type NormalizedItem } from './normalize-selection.js';
import { orderSelection } from './order-selection.js';
import { PluginError } from '../errors/plugin-error.js';
import { PluginConflictError } from '../errors/plugin-conflict-error.js';
import { PluginRequiredError } from '../errors/plugin-required-error.js';
import { quote } from '../internal/quote.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import type { RegistryCore } from '../registry/registry-core.js';
import { internals } from '../registry/registry-internals.js';

/**
 * Reads a selection and checks it whole before anything is built: every alias is looked up, each kind's
 * default is filled in, required kinds, exclusive kinds and every plugin's rules are checked, and the items
 * are put in the order their `order`/`before`/`after` declarations ask for. Throws UnknownPluginError,
 * PluginRequiredError, PluginConflictError or PluginConstraintError (listing every violation, cycles included).
 *
 * With `problems`, nothing is thrown for a problem of the selection: each is added there and the check goes on
 * with what is left (an unknown alias is left out, a missing required kind stays missing), so that one run
 * names every problem. A selection that cannot be read at all (a syntax error) is one problem.
 */
export function prepareSelection(
  registry: PluginRegistry,
  selection: unknown,
  core: RegistryCore = internals(registry),
  problems?: PluginError[],
): PreparedItem[] {
  const report = (error: unknown): void => {
    if (!problems || !PluginError.is(error)) throw error;
    problems.push(error);
  };
  let normalized: NormalizedItem[] = [];
  try {
    normalized = normalizeSelection(selection, registry, problems);
  } catch (error) {
    report(error);
  }
  const items: PreparedItem[] = [];
  for (const item of normalized) {
    try {
      items.push(prepareItem(core, item));
    } catch (error) {
      report(error);
    }
  }
  items.push(...defaults(core, new Set(items.map((item) => item.kind)), report));
  const named = new Map<string, string[]>();
  for (const { kind, name } of items) groupPush(named, kind, name);
  for (const [kind, names] of named) {
    if (names.length > 1 && core.kindOptions(kind).exclusive) report(new PluginConflictError(kind, names));
  }
  const ordered = orderSelection(core, items);
  try {
    checkRules(core, items, ordered.violations);
  } catch (error) {
    report(error);
  }
  return ordered.items;
}

function prepareItem(core: RegistryCore, item: NormalizedItem): PreparedItem {
  if ('instance' in item) {
    return {
      kind: kindOfInstance(core, item.instance),
      name: nameOfInstance(item.instance),
      isDefault: false,
      instance: item.instance,
    };
  }
  // A choice read from text was looked up already: look it up again without counting a deprecated alias twice.
  const alias = item.checked === true ? core.canonicalKey(item.choice.alias) : item.choice.alias;
  const entry = core.lookup(alias) ?? core.require(item.choice.alias);
  return { kind: entry.kind, name: item.choice.alias, isDefault: false, entry, options: item.choice.options };
}

/** The defaults of the defined kinds a selection leaves out; reports PluginRequiredError for a required kind without one. */
function defaults(
  registry: RegistryCore,
  present: ReadonlySet<string>,
  report: (error: unknown) => void,
): PreparedItem[] {
  const filled: PreparedItem[] = [];
  for (const [kind, settings] of registry.definedKinds()) {
    if (present.has(kind)) continue;
    if (settings.default === undefined) {
      if (settings.required) {
        report(
          new PluginRequiredError(
            kind,
            registry.records(kind).map((entry) => entry.alias),
          ),
        );
      }
      continue;
    }
    const entry = registry.lookup(settings.default);
    if (!entry || entry.kind !== kind) {
      report(registry.unknown(settings.default, kind, `It is the default of kind ${quote(kind)} (defineKind).`));
      continue;
    }
    filled.push({ kind, name: settings.default, isDefault: true, entry, options: undefined });
  }
  return filled;
}

/** The kind of the registered class `instance` is of, or `'plugin'`. */
