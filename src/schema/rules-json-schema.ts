import { namingItem, successorKey, type Named } from './named-plugins.js';
import type { SchemaSource } from './schema-plugin.js';
import type { TextAliases } from './selection-text-pattern.js';
import { normalizeAlias } from '../registry/alias.js';

type JsonObject = Record<string, unknown>;

/** A schema nothing matches. */
const NEVER: JsonObject = { not: {} };

/**
 * The declarative rules of a selection as JSON Schema: required kinds, and each plugin's `requires` and
 * `incompatibleWith`, with kind defaults filled in as `resolveAll` fills them. `form` says what the rules look
 * at: the items of an array (`contains`), or one text or `{ alias }`. `check` predicates are code: not expressed.
 */
export function rulesJsonSchema(
  source: SchemaSource,
  named: readonly Named[],
  all: TextAliases,
  form: 'array' | 'single',
): JsonObject[] {
  const has = (item: JsonObject): JsonObject => (form === 'array' ? { contains: item } : item);
  const byKey = new Map(named.map((one) => [normalizeAlias(one.plugin.alias), one]));
  const find = (alias: string): Named | undefined => byKey.get(successorKey(alias, source));
  const ofKind = (kind: string, except?: Named): Named[] =>
    named.filter((one) => one.plugin.kind === kind && one !== except);
  const kindPresent = (kind: string, except?: Named): JsonObject => has(namingItem(all, ofKind(kind, except)));
  const defaultOf = (kind: string): Named | undefined => {
    const alias = source.kindDefaults.get(kind);
    const found = alias === undefined ? undefined : find(alias);
    return found?.plugin.kind === kind ? found : undefined;
  };
  /** The plugin is in the selection resolveAll checks: selected, or its kind's default filled in. */
  const selected = (one: Named | undefined): JsonObject => {
    if (!one) return NEVER;
    const direct = has(namingItem(all, [one]));
    return defaultOf(one.plugin.kind) === one ? { anyOf: [direct, { not: kindPresent(one.plugin.kind) }] } : direct;
  };
  /** Some plugin of `kind` other than `except` is in that selection. */
  const otherOfKind = (kind: string, except?: Named): JsonObject => {
    const fallback = defaultOf(kind);
    const present = kindPresent(kind, except);
    return fallback && fallback !== except ? { anyOf: [present, { not: kindPresent(kind) }] } : present;
  };

  const rules: JsonObject[] = [...source.requiredKinds]
    .filter((kind) => defaultOf(kind) === undefined)
    .sort()
    .map((kind) => ({ $comment: `A plugin of the required kind ${kind}.`, ...kindPresent(kind) }));
  for (const one of named) {
    const { requires, incompatibleWith } = one.plugin;
    const needs: JsonObject[] = [];
    if (Array.isArray(requires)) {
      needs.push(...(requires as readonly string[]).map((alias) => selected(find(alias))));
    } else if (requires !== undefined) {
      for (const [kind, aliases] of Object.entries(requires as Readonly<Record<string, readonly string[]>>)) {
        const wanted = aliases.map(find).filter((other) => other?.plugin.kind === kind);
        needs.push(aliases.length === 0 ? otherOfKind(kind) : { anyOf: [NEVER, ...wanted.map(selected)] });
      }
    }
    for (const rule of incompatibleWith ?? []) {
      needs.push({ not: typeof rule === 'string' ? selected(find(rule)) : otherOfKind(rule.kind, one) });
    }
    if (needs.length === 0) continue;
    rules.push({
      $comment: `The rules of ${one.plugin.alias} (requires, incompatibleWith).`,
      if: selected(one),
      then: { allOf: needs },
    });
  }
  return rules;
}
