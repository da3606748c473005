import type { Named } from './named-plugins.js';
import type { SchemaSource } from './schema-plugin.js';
import { anyAliasPattern } from './selection-text-pattern.js';
import type { JsonSchemaDraft } from '../registry/json-schema-of.js';

type JsonObject = Record<string, unknown>;

/** The aliases with their descriptions (editors show them when completing), and any other spelling of them. */
export function aliasJsonSchema(named: readonly Named[], source: SchemaSource, draft: JsonSchemaDraft): JsonObject {
  const entries = named.flatMap(({ plugin, aliases }) => {
    const exclusive = source.exclusiveKinds.has(plugin.kind) ? ', one per selection' : '';
    const about =
      `${plugin.description ?? plugin.alias}.` +
      (plugin.recommendedWhen === undefined ? '' : ` Recommended when: ${plugin.recommendedWhen}.`) +
      ` Kind: ${plugin.kind}${exclusive}.`;
    return aliases.map((alias, index) => {
      if (index === 0) return { const: alias, description: about };
      const deprecation = source.deprecations.find((item) => item.alias === alias);
      const note = deprecation?.message === undefined ? '' : ` ${deprecation.message}`;
      return {
        const: alias,
        description: `Deprecated: use "${plugin.alias}" instead.${note} ${about}`,
        ...(draft === '07' ? {} : { deprecated: true }),
      };
    });
  });
  const spellings = {
    pattern: anyAliasPattern(named.flatMap(({ aliases }) => aliases)),
    description: 'An alias in another spelling: case is ignored, and "-" and "_" are alike.',
  };
  return named.length > 0 ? { type: 'string', anyOf: [...entries, spellings] } : { type: 'string', not: {} };
}
