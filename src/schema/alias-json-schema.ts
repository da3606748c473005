import type { Named } from './named-plugins.js';
import { aliasList } from './rules-json-schema.js';
import type { SchemaSource } from './schema-plugin.js';
import { startsWithNonePattern, startsWithPattern, textNamingPattern } from './selection-text-pattern.js';
import type { JsonSchemaDraft } from '../registry/json-schema-of.js';
import { normalizeAlias } from '../registry/alias.js';

type JsonObject = Record<string, unknown>;

/**
 * The aliases with their descriptions, offered by editors when completing a text or an `alias` (VS Code's
 * `defaultSnippets`): an annotation that no validator evaluates, so it costs nothing to check.
 */
export function aliasNamesJsonSchema(named: readonly Named[], source: SchemaSource): JsonObject {
  const snippets = named.flatMap(({ plugin, aliases }) => {
    const exclusive = source.exclusiveKinds.has(plugin.kind) ? ', one per selection' : '';
    const about =
      `${plugin.description ?? plugin.alias}.` +
      (plugin.recommendedWhen === undefined ? '' : ` Recommended when: ${plugin.recommendedWhen}.`) +
      ` Kind: ${plugin.kind}${exclusive}.`;
    return aliases.map((alias, index) => {
      if (index === 0) return { description: about, body: alias };
      const note = source.deprecations.find((item) => item.alias === alias)?.message;
      return {
        label: `${alias} (deprecated)`,
        description: `Deprecated: use "${plugin.alias}" instead.${note === undefined ? '' : ` ${note}`} ${about}`,
        body: alias,
      };
    });
  });
  return snippets.length > 0 ? { defaultSnippets: snippets } : {};
}

/**
 * A warning on each deprecated alias, in a text or as `alias`, naming the alias to use instead. Only editors
 * show it (`deprecationMessage`); the value stays valid, as plugboard accepts it.
 */
export function deprecationsJsonSchema(
  named: readonly Named[],
  source: SchemaSource,
  draft: JsonSchemaDraft,
): JsonObject {
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
  if (warnings.length === 0) return {};
  // One pattern for all of them first, so that a text without a deprecated alias is read once.
  const deprecated = named.flatMap(({ aliases }) => aliases.slice(1));
  return { if: { type: 'string', pattern: textNamingPattern(deprecated, 1) }, then: { allOf: warnings } };
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
  });
  const none =
    named.length === 0
      ? 'Unknown alias: no plugin is registered.'
      : 'Unknown alias: no known alias begins with this character (completion lists them).';
  const checks = [...groups].map(([first, aliases]) =>
    fail(`Unknown alias. Known aliases that begin with "${first}": ${aliasList(aliases)}.`, startsWithPattern([first])),
  );
  checks.push(
    groups.size === 0 ? { not: {}, errorMessage: none } : fail(none, startsWithNonePattern([...groups.keys()])),
  );
  return { allOf: checks };
}
