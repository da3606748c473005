import type { SchemaPlugin, SchemaSource } from './schema-plugin.js';
import { textNamingPattern, type TextAliases } from './selection-text-pattern.js';
import { normalizeAlias } from '../registry/alias.js';

/** A plugin with the aliases that name it: its own, and the deprecated ones that lead to it. */
export interface Named {
  readonly plugin: SchemaPlugin;
  readonly aliases: readonly string[];
}

/** The plugins, each with its own alias and the deprecated aliases that lead to it. */
export function namedPlugins(source: SchemaSource): Named[] {
  const byKey = new Map(source.plugins.map((plugin) => [normalizeAlias(plugin.alias), plugin]));
  const leadingTo = new Map<string, string[]>();
  const successors = successorKeys(source);
  for (const deprecation of source.deprecations) {
    const key = normalizeAlias(deprecation.alias);
    if (byKey.has(key)) continue;
    const successor = successors(deprecation.alias);
    leadingTo.set(successor, [...(leadingTo.get(successor) ?? []), deprecation.alias]);
  }
  return source.plugins.map((plugin) => ({
    plugin,
    aliases: [plugin.alias, ...(leadingTo.get(normalizeAlias(plugin.alias)) ?? [])],
  }));
}

/** Where a deprecated alias leads, following deprecations of deprecated aliases (a few hops at most). */
export function successorKeys(source: SchemaSource): (alias: string) => string {
  const next = new Map<string, string>();
  for (const deprecation of source.deprecations) {
    const key = normalizeAlias(deprecation.alias);
    if (!next.has(key)) next.set(key, normalizeAlias(deprecation.successor));
  }
  return (alias) => {
    let key = normalizeAlias(alias);
    for (let hop = 0; hop < 8; hop += 1) {
      const successor = next.get(key);
      if (successor === undefined) return key;
      key = successor;
    }
    return key;
  };
}

export function textAliases(named: readonly Named[]): TextAliases {
  return {
    withOptions: named.filter(({ plugin }) => !plugin.singleton).flatMap(({ aliases }) => aliases),
    withoutOptions: named.filter(({ plugin }) => plugin.singleton).flatMap(({ aliases }) => aliases),
  };
}

/** The aliases that name one of `some`: their own and the deprecated ones. */
export function aliasesOf(some: readonly Named[]): string[] {
  return some.flatMap(({ aliases }) => aliases);
}

/**
 * Matches a `plugins` value that names one of `some`: a text naming it, `{ alias }`, or an array with such an
 * item. `self` is a reference to this very schema, for `alias` and the items (a nested array or object is not a
 * valid selection anyway), so that the alias pattern is written once.
 */
export function namingValue(some: readonly Named[], self: Record<string, unknown>): Record<string, unknown> {
  return {
    anyOf: [
      { type: 'string', pattern: textNamingPattern(aliasesOf(some), 1) },
      { type: 'object', required: ['alias'], properties: { alias: self } },
      { type: 'array', contains: self },
    ],
  };
}
