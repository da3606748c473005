import { assertAlias, assertKind, describeValue, normalizeAlias } from './alias.js';
import { PluginRegistrationError } from '../errors/plugin-registration-error.js';
import { messageOf, quote } from '../internal/quote.js';

/** Where a plugin goes among the plugins of its kind: before (`'first'`) or after (`'last'`) all the others. */
export type PluginOrder = 'first' | 'last';

/** A plugin another one runs before or after: by alias (`'early_stopping'`), or every plugin of a kind (`{ kind: 'logger' }`). */
export type PluginOrderTarget = string | { readonly kind: string };

/** A registration's order declarations, as the registry keeps them (frozen). */
export interface PluginOrdering {
  readonly order: PluginOrder | undefined;
  readonly before: readonly PluginOrderTarget[] | undefined;
  readonly after: readonly PluginOrderTarget[] | undefined;
}

/** The largest number of plugins one `before` or `after` list names. */
const MAX_TARGETS = 1_000;

/** The order declarations of a registration (checked), or undefined if it has none. Throws PluginRegistrationError. */
export function readOrdering(alias: string, options: Readonly<Record<string, unknown>>): PluginOrdering | undefined {
  const { order, before, after } = options;
  if (order === undefined && before === undefined && after === undefined) return undefined;
  if (order !== undefined && order !== 'first' && order !== 'last') {
    throw invalid(alias, 'order must be "first" or "last"', order);
  }
  const ordering: PluginOrdering = {
    order,
    before: before === undefined ? undefined : readTargets(alias, 'before', before),
    after: after === undefined ? undefined : readTargets(alias, 'after', after),
  };
  const self = normalizeAlias(alias);
  const befores = new Set(aliasesOf(ordering.before));
  for (const [where, list] of [
    ['before', ordering.before],
    ['after', ordering.after],
  ] as const) {
    if (aliasesOf(list).includes(self)) {
      throw new PluginRegistrationError(
        `Plugin ${quote(alias)}: ${where} names the plugin itself. List the plugins it runs ${where}.`,
      );
    }
  }
  const both = (ordering.after ?? []).find(
    (target) => typeof target === 'string' && befores.has(normalizeAlias(target)),
  );
  if (both !== undefined) {
    throw new PluginRegistrationError(
      `Plugin ${quote(alias)}: ${quote(both)} is in both before and after; it can only be in one.`,
    );
  }
  return Object.freeze(ordering);
}

function aliasesOf(targets: readonly PluginOrderTarget[] | undefined): string[] {
  return (targets ?? []).filter((target) => typeof target === 'string').map(normalizeAlias);
}

function readTargets(alias: string, where: 'before' | 'after', value: unknown): readonly PluginOrderTarget[] {
  let items: unknown[];
  try {
    if (!Array.isArray(value) || value.length > MAX_TARGETS) {
      throw invalid(alias, `${where} must be an array of at most ${String(MAX_TARGETS)} aliases and { kind }`, value);
    }
    // One read of each element: a getter or Proxy trap runs once, and what it returned is what is checked.
    items = Array.from(value as unknown[]);
  } catch (error) {
    if (error instanceof PluginRegistrationError) throw error;
    throw new PluginRegistrationError(`Plugin ${quote(alias)}: reading ${where} threw: ${messageOf(error)}.`, {
      cause: error,
    });
  }
  return Object.freeze(items.map((item) => readTarget(alias, where, item)));
}

function readTarget(alias: string, where: string, item: unknown): PluginOrderTarget {
  if (typeof item === 'string') {
    wrap(alias, where, () => {
      assertAlias(item);
    });
    return item;
  }
  if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
    let kind: unknown;
    let keys: string[];
    try {
      keys = Object.keys(item);
      kind = (item as { kind?: unknown }).kind;
    } catch (error) {
      throw new PluginRegistrationError(
        `Plugin ${quote(alias)}: reading an item of ${where} threw: ${messageOf(error)}.`,
        {
          cause: error,
        },
      );
    }
    if (keys.length === 1 && keys[0] === 'kind') {
      wrap(alias, where, () => {
        assertKind(kind);
      });
      return Object.freeze({ kind: kind as string });
    }
  }
  throw invalid(alias, `${where} items must be aliases or { kind }`, item);
}

function wrap(alias: string, where: string, check: () => void): void {
  try {
    check();
  } catch (error) {
    throw new PluginRegistrationError(`Plugin ${quote(alias)}: ${where}: ${messageOf(error)}`);
  }
}

function invalid(alias: string, problem: string, value: unknown): PluginRegistrationError {
  return new PluginRegistrationError(`Plugin ${quote(alias)}: ${problem}, got ${describeValue(value)}.`);
}
