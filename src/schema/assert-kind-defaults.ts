import { successorKeys } from './named-plugins.js';
import type { SchemaSource } from './schema-plugin.js';
import { UnknownPluginError } from '../errors/unknown-plugin-error.js';
import { quote } from '../internal/quote.js';
import { normalizeAlias } from '../registry/alias.js';
import { suggestAliases } from '../registry/suggest.js';

/**
 * Throws UnknownPluginError for a kind whose default (`defineKind(kind, { default })`) is not a plugin of that
 * kind: `resolveAll` refuses every selection that leaves such a kind out, so a schema would accept configs
 * that fail.
 */
export function assertKindDefaults(source: SchemaSource): void {
  const byKey = new Map(source.plugins.map((plugin) => [normalizeAlias(plugin.alias), plugin]));
  const successorKey = successorKeys(source);
  for (const [kind, alias] of source.kindDefaults) {
    if (byKey.get(successorKey(alias))?.kind === kind) continue;
    const ofKind = source.plugins.filter((plugin) => plugin.kind === kind).map((plugin) => plugin.alias);
    throw new UnknownPluginError(
      alias,
      suggestAliases(alias, ofKind),
      ofKind,
      kind,
      `It is the default of kind ${quote(kind)} (defineKind), so resolveAll refuses every selection without a ` +
        `${quote(kind)} plugin: register it, or change the default, before writing the JSON Schema.`,
    );
  }
}
