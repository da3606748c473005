import type { ConformanceFailure } from './conformance-report.js';
import { quote, quoteList } from '../internal/quote.js';
import { normalizeAlias } from '../registry/alias.js';
import type { PluginEntry } from '../registry/plugin-entry.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import { internals } from '../registry/registry-internals.js';
import { suggestAliases } from '../registry/suggest.js';

/**
 * The ways `entry`'s rules contradict the registry or themselves: `requires` or `incompatibleWith` naming an
 * alias that is not registered or a kind no plugin has (nor `defineKind` defined), an alias required as one
 * of a kind it is not of, and a plugin that both requires and is incompatible with the same alias or kind.
 */
export function checkPluginRules(registry: PluginRegistry, entry: PluginEntry): ConformanceFailure[] {
  const messages: string[] = [];
  const aliases = registry.list().map((other) => other.alias);
  const kinds = new Set([...registry.kinds(), ...internals(registry).definedKinds().keys()]);
  const kindOf = (alias: string): string | undefined => registry.find(alias)?.kind;
  const missingAlias = (alias: string, rule: string): void => {
    const close = suggestAliases(alias, aliases);
    messages.push(
      `${rule} ${quote(alias)}, which is not registered.${close.length > 0 ? ` Did you mean ${quoteList(close, 'or')}?` : ''}`,
    );
  };
  const missingKind = (kind: string, rule: string): void => {
    messages.push(`${rule} kind ${quote(kind)}, which no plugin has and defineKind did not define.`);
  };
  const required = requiredOf(entry);
  for (const alias of required.aliases) if (kindOf(alias) === undefined) missingAlias(alias, 'requires');
  for (const [kind, list] of required.byKind) {
    if (!kinds.has(kind)) missingKind(kind, 'requires');
    for (const alias of list) {
      const found = kindOf(alias);
      if (found === undefined) missingAlias(alias, `requires (as its ${kind})`);
      else if (found !== kind)
        messages.push(`requires ${quote(alias)} as its ${kind}, but it is of kind ${quote(found)}.`);
    }
  }
  const incompatible = entry.incompatibleWith ?? [];
  for (const item of incompatible) {
    if (typeof item === 'string') {
      if (kindOf(item) === undefined) missingAlias(item, 'is incompatible with');
    } else if (!kinds.has(item.kind)) {
      missingKind(item.kind, 'is incompatible with');
    }
  }
  const needed = [...required.aliases, ...[...required.byKind.values()].flat()];
  for (const item of incompatible) {
    if (typeof item === 'string') {
      if (needed.some((alias) => normalizeAlias(alias) === normalizeAlias(item))) {
        messages.push(`both requires and is incompatible with ${quote(item)}.`);
      }
      continue;
    }
    const clash = needed.filter((alias) => kindOf(alias) === item.kind);
    if (required.byKind.has(item.kind) || clash.length > 0) {
      messages.push(`both requires a plugin of kind ${quote(item.kind)} and is incompatible with every plugin of it.`);
    }
  }
  return messages.map((message) => ({ check: 'rules', alias: entry.alias, message: `It ${message}` }));
}

/** `requires` in one shape: aliases that must all be selected, and per kind the aliases one of which must be. */
function requiredOf(entry: PluginEntry): { aliases: readonly string[]; byKind: Map<string, readonly string[]> } {
  const { requires } = entry;
  if (requires === undefined) return { aliases: [], byKind: new Map() };
  if (Array.isArray(requires)) return { aliases: requires as readonly string[], byKind: new Map() };
  return { aliases: [], byKind: new Map(Object.entries(requires as Readonly<Record<string, readonly string[]>>)) };
}
