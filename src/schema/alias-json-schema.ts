import type { Named } from './named-plugins.js';
import { aliasList } from './rules-json-schema.js';
import type { SchemaSource } from './schema-plugin.js';
import { startsWithNonePattern, startsWithPattern, textNamingPattern } from './selection-text-pattern.js';
import type { JsonSchemaDraft } from '../registry/json-schema-of.js';
import { normalizeAlias } from '../registry/alias.js';

type JsonObject = Record<string, unknown>;

/**
 * The aliases with their descriptions, for completion and hover: never a reason to refuse a value (the last
 * alternative accepts anything), so it can sit beside any string.
 */
export function aliasNamesJsonSchema(named: readonly Named[], source: SchemaSource): JsonObject {
  const aliases: string[] = [];
  const descriptions: string[] = [];
  for (const { plugin, aliases: names } of named) {
    const exclusive = source.exclusiveKinds.has(plugin.kind) ? ', one per selection' : '';
    const about =
      `${plugin.description ?? plugin.alias}.` +
      (plugin.recommendedWhen === undefined ? '' : ` Recommended when: ${plugin.recommendedWhen}.`) +
      ` Kind: ${plugin.kind}${exclusive}.`;
    names.forEach((alias, index) => {
      aliases.push(alias);
      if (index === 0) descriptions.push(about);
      else {
        const note = source.deprecations.find((item) => item.alias === alias)?.message;
        descriptions.push(`Deprecated: use "${plugin.alias}" instead.${note === undefined ? '' : ` ${note}`} ${about}`);
      }
    });
  }
  if (aliases.length === 0) return {};
  return {
    $comment: 'For completion and hover only: the last alternative accepts any value.',
    anyOf: [{ type: 'string', enum: aliases, enumDescriptions: descriptions }, true],
  };
}

/**
 * A warning on each deprecated alias, in a text or as `alias`, naming the alias to use instead. Only editors
 * show it (`deprecationMessage`); the value stays valid, as plugboard accepts it.
 */
export function deprecationsJsonSchema(named: readonly Named[], source: SchemaSource, draft: JsonSchemaDraft): JsonObject {
  const warnings = named.flatMap(({ plugin, aliases }) =>
    aliases.slice(1).map((alias) => {
      const note = source.deprecations.find((item) => item.alias === alias)?.message;
      return {
        if: { type: 'string', pattern: textNamingPattern([alias], 1) },
        then: {
          ...(draft === '07' ? {} : { deprecated: true }),
          deprecationMessage: `"${alias}" is deprecated: use "${plugin.alias}" instead.${note === undefined ? '' : ` ${note}`}`,
        },
      };
    }),
  );
  return warnings.length > 0 ? { allOf: warnings } : {};
}

/**
 * Explains an unknown alias with one message: the known aliases that begin with its first character (a
 * mistyped alias mostly keeps it), or that none does. The groups do not overlap, so one message is shown.
 */
export function unknownAliasJsonSchema(named: readonly Named[]): JsonObject {
  const groups = new Map<string, string[]>();
  for (const { plugin } of named) {
    const first = normalizeAlias(plugin.alias).charAt(0);
    groups.set(first, [...(groups.get(first) ?? []), plugin.alias]);
  }
  const fail = (message: string, pattern: string): JsonObject => ({
    if: { type: 'string', pattern },
    then: { not: {}, errorMessage: message },
    errorMessage: message,
  });
  const none =
    named.length === 0
      ? 'Unknown alias: no plugin is registered.'
      : 'Unknown alias: no known alias begins with this character (completion lists them).';
  const checks = [...groups].map(([first, aliases]) =>
    fail(
      `Unknown alias. Known aliases that begin with "${first}": ${aliasList(aliases)}.`,
      startsWithPattern([first]),
    ),
  );
  checks.push(
    groups.size === 0 ? { not: {}, errorMessage: none } : fail(none, startsWithNonePattern([...groups.keys()])),
  );
  return { allOf: checks };
}
