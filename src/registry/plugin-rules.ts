import { assertAlias, assertKind, describeValue } from './alias.js';
import { readOrdering, type PluginOrdering } from './plugin-order.js';
import { PluginRegistrationError } from '../errors/plugin-registration-error.js';
import { PluginError } from '../errors/plugin-error.js';
import { messageOf, quote } from '../internal/quote.js';

/**
 * What a plugin requires of the rest of a selection: aliases that must all be selected (`['ddp']`), or per
 * kind, the aliases one of which must be selected (`{ strategy: ['ddp', 'fsdp'] }`; `[]` for any plugin of it).
 */
export type PluginRequirement = readonly string[] | Readonly<Record<string, readonly string[]>>;

/** A plugin that cannot run with another: by alias (`'64-true'`) or with any plugin of a kind (`{ kind: 'precision' }`). */
export type PluginIncompatibility = string | { readonly kind: string };

/** One plugin of a selection, as a rule sees it. */
export interface SelectedPlugin {
  /** The registered alias; undefined for an instance of an unregistered class. */
  readonly alias: string | undefined;
  /** The plugin as the user wrote it (alias spelling, or `ClassName instance`). */
  readonly name: string;
  readonly kind: string;
  /** Its params with the selection's options merged in (not yet validated); undefined for an instance. */
  readonly options: unknown;
  /** True if it was filled in as its kind's default rather than selected. */
  readonly isDefault: boolean;
}

/** The whole selection (defaults filled in), given to a `check` predicate. */
export interface SelectionView {
  readonly plugins: readonly SelectedPlugin[];
  /** The plugin whose rule is checked. */
  readonly self: SelectedPlugin;
  /** The plugins of `kind`. */
  readonly ofKind: (kind: string) => SelectedPlugin[];
  /** True if the plugin under `alias` (ignoring case and `-`/`_`) is selected. */
  readonly has: (alias: string) => boolean;
}

/** A rule that depends on options: returns why the selection cannot run, or undefined when it can. */
export type PluginCheck = (selection: SelectionView) => string | undefined;

/** A registration's rules, as the registry keeps them (frozen). */
export interface PluginRules {
  readonly requires: PluginRequirement | undefined;
  readonly incompatibleWith: readonly PluginIncompatibility[] | undefined;
  readonly check: PluginCheck | undefined;
  /** Where it runs among the other plugins (`order`, `before`, `after`). */
  readonly ordering: PluginOrdering | undefined;
}

/** The rules of a registration (checked), or undefined if it has none. Throws PluginRegistrationError. */
export function readRules(alias: string, options: Readonly<Record<string, unknown>>): PluginRules | undefined {
  try {
    return copyRules(alias, options);
  } catch (error) {
    if (PluginError.is(error)) throw error;
    // A getter or Proxy trap in the declaration threw: what it says is the plugin's, the error is ours.
    throw new PluginRegistrationError(
      `Plugin ${quote(alias)}: reading its rules (requires, incompatibleWith, check) threw: ${messageOf(error)}. ` +
        'Declare them as plain arrays and objects.',
      { cause: error },
    );
  }
}

function copyRules(alias: string, options: Readonly<Record<string, unknown>>): PluginRules | undefined {
  const { requires, incompatibleWith, check } = options;
  const ordering = readOrdering(alias, options);
  if (requires === undefined && incompatibleWith === undefined && check === undefined && ordering === undefined) {
    return undefined;
  }
  if (check !== undefined && typeof check !== 'function') {
    throw invalid(alias, 'check must be a function (selection) => string | undefined', check);
  }
  return Object.freeze({
    requires: requires === undefined ? undefined : readRequirement(alias, requires),
    incompatibleWith: incompatibleWith === undefined ? undefined : readIncompatibility(alias, incompatibleWith),
    check: check as PluginCheck | undefined,
    ordering,
  });
}

function readRequirement(alias: string, value: unknown): PluginRequirement {
  if (Array.isArray(value)) return Object.freeze(aliasList(alias, 'requires', value));
  if (typeof value !== 'object' || value === null) {
    throw invalid(alias, 'requires must be an array of aliases or { kind: [aliases] }', value);
  }
  const copy: Record<string, readonly string[]> = {};
  for (const [kind, aliases] of Object.entries(value)) {
    wrap(alias, () => {
      assertKind(kind);
    });
    if (!Array.isArray(aliases)) throw invalid(alias, `requires.${kind} must be an array of aliases`, aliases);
    copy[kind] = Object.freeze(aliasList(alias, `requires.${kind}`, aliases));
  }
  return Object.freeze(copy);
}

function readIncompatibility(alias: string, value: unknown): readonly PluginIncompatibility[] {
  if (!Array.isArray(value)) throw invalid(alias, 'incompatibleWith must be an array of aliases and { kind }', value);
  const items = value.map((item: unknown): PluginIncompatibility => {
    if (typeof item === 'string') return aliasList(alias, 'incompatibleWith', [item])[0] ?? item;
    if (typeof item === 'object' && item !== null && Object.keys(item).join() === 'kind') {
      const kind = (item as { kind: unknown }).kind;
      wrap(alias, () => {
        assertKind(kind);
      });
      return Object.freeze({ kind: kind as string });
    }
    throw invalid(alias, 'incompatibleWith items must be aliases or { kind }', item);
  });
  return Object.freeze(items);
}

function aliasList(alias: string, where: string, values: readonly unknown[]): string[] {
  return values.map((value) => {
    if (typeof value !== 'string') throw invalid(alias, `${where} must hold aliases (strings)`, value);
    wrap(alias, () => {
      assertAlias(value);
    });
    return value;
  });
}

function wrap(alias: string, check: () => void): void {
  try {
    check();
  } catch (error) {
    throw new PluginRegistrationError(
      `Plugin ${quote(alias)}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function invalid(alias: string, problem: string, value: unknown): PluginRegistrationError {
  return new PluginRegistrationError(`Plugin ${quote(alias)}: ${problem}, got ${describeValue(value)}.`);
}
