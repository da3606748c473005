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
  return source.plugins.map((plugin) => ({
    plugin,
    aliases: [plugin.alias, ...deprecatedAliasesOf(plugin.alias, source, byKey)],
  }));
}

function deprecatedAliasesOf(alias: string, source: SchemaSource, byKey: Map<string, SchemaPlugin>): string[] {
  const key = normalizeAlias(alias);
  return source.deprecations
    .filter(
      (deprecation) => !byKey.has(normalizeAlias(deprecation.alias)) && successorKey(deprecation.alias, source) === key,
    )
    .map((deprecation) => deprecation.alias);
}

/** Where a deprecated alias leads, following deprecations of deprecated aliases. */
export function successorKey(alias: string, source: SchemaSource): string {
  let key = normalizeAlias(alias);
  for (let hop = 0; hop < 8; hop += 1) {
    const next = source.deprecations.find((deprecation) => normalizeAlias(deprecation.alias) === key);
    if (!next) return key;
    key = normalizeAlias(next.successor);
  }
  return key;
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
