import type { SchemaPlugin, SchemaSource } from './schema-plugin.js';
import { anyAliasPattern, textNamingPattern, type TextAliases } from './selection-text-pattern.js';
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

/** Matches one item of a selection array that names one of `some`: a text naming it, or `{ alias }`. */
export function namingItem(some: readonly Named[]): Record<string, unknown> {
  const aliases = aliasesOf(some);
  return {
    if: { type: 'string' },
    then: { type: 'string', pattern: textNamingPattern(aliases, 1) },
    else: { type: 'object', properties: { alias: { type: 'string', pattern: anyAliasPattern(aliases) } }, required: ['alias'] },
  };
}
