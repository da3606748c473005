import { namingValue, successorKeys, type Named } from './named-plugins.js';
import type { SchemaSource } from './schema-plugin.js';
import { normalizeAlias } from '../registry/alias.js';

type JsonObject = Record<string, unknown>;

/** A schema nothing matches. */
const NEVER: JsonObject = { not: {} };

/** Where the rules keep what they share: one definition per kind or plugin, however many rules name it. */
export interface RuleDefs {
  /** A `$ref` to the definition `name`, made by `build` (given that `$ref`) the first time it is asked for. */
  shared(name: string, build: (self: JsonObject) => JsonObject): JsonObject;
}

/** `schema`, reported as one message when it fails (`errorMessage`: VS Code shows it, and so does ajv-errors). */
export function explained(schema: JsonObject, message: string): JsonObject {
  return { if: schema, else: { not: {}, errorMessage: message } };
}

/** Up to `limit` aliases, quoted, for a message. */
export function aliasList(aliases: readonly string[], limit = 10): string {
  const shown = aliases.slice(0, limit).map((alias) => `"${alias}"`);
  return aliases.length > limit ? `${shown.join(', ')} and ${String(aliases.length - limit)} more` : shown.join(', ');
}

/**
 * The declarative rules of a selection as JSON Schema: required kinds, and each plugin's `requires` and
 * `incompatibleWith`, with kind defaults filled in as `resolveAll` fills them. They look at a whole `plugins`
 * value: an array's items, or one text or `{ alias }`. `check` predicates are code: not expressed. Each rule
 * fails with one message that names it.
 */
export function rulesJsonSchema(source: SchemaSource, named: readonly Named[], defs: RuleDefs): JsonObject[] {
  const byKey = new Map(named.map((one) => [normalizeAlias(one.plugin.alias), one]));
  const successorKey = successorKeys(source);
  const find = (alias: string): Named | undefined => byKey.get(successorKey(alias));
  const kinds = new Map<string, Named[]>();
  for (const one of named) kinds.set(one.plugin.kind, [...(kinds.get(one.plugin.kind) ?? []), one]);
  const ofKind = (kind: string, except?: Named): Named[] => (kinds.get(kind) ?? []).filter((one) => one !== except);
  const kindPresent = (kind: string, except?: Named): JsonObject => {
    const others = ofKind(kind, except);
    const name = others.length < ofKind(kind).length ? `${kind}-but-${except?.plugin.alias ?? ''}` : kind;
    return defs.shared(`plugboard.kind.${name}`, (self) => namingValue(others, self));
  };
  const defaultOf = (kind: string): Named | undefined => {
    const alias = source.kindDefaults.get(kind);
    const found = alias === undefined ? undefined : find(alias);
    return found?.plugin.kind === kind ? found : undefined;
  };
  /** The plugin is in the selection resolveAll checks: selected, or its kind's default filled in. */
  const selected = (one: Named | undefined): JsonObject => {
    if (!one) return NEVER;
    const direct = defs.shared(`plugboard.plugin.${one.plugin.alias}`, (self) => namingValue([one], self));
    return defaultOf(one.plugin.kind) === one ? { anyOf: [direct, { not: kindPresent(one.plugin.kind) }] } : direct;
  };
  /** Some plugin of `kind` other than `except` is in that selection. */
  const otherOfKind = (kind: string, except?: Named): JsonObject => {
    const fallback = defaultOf(kind);
    const present = kindPresent(kind, except);
    return fallback && fallback !== except ? { anyOf: [present, { not: kindPresent(kind) }] } : present;
  };
  const kindAliases = (kind: string): string => aliasList(ofKind(kind).map(({ plugin }) => plugin.alias));

  const rules: JsonObject[] = [...source.requiredKinds]
    .filter((kind) => defaultOf(kind) === undefined)
    .sort()
    .map((kind) =>
      explained(
        kindPresent(kind),
        `A plugin of the required kind "${kind}" is missing: add one of ${kindAliases(kind)}.`,
      ),
    );
  for (const one of named) {
    const { requires, incompatibleWith } = one.plugin;
    const me = `"${one.plugin.alias}"`;
    const needs: JsonObject[] = [];
    if (Array.isArray(requires)) {
      for (const alias of requires as readonly string[]) {
        needs.push(explained(selected(find(alias)), `${me} requires "${alias}" in the same selection.`));
      }
    } else if (requires !== undefined) {
      for (const [kind, aliases] of Object.entries(requires as Readonly<Record<string, readonly string[]>>)) {
        const wanted = aliases.map(find).filter((other) => other?.plugin.kind === kind);
        needs.push(
          aliases.length === 0
            ? explained(
                otherOfKind(kind),
                `${me} requires a plugin of kind "${kind}": add one of ${kindAliases(kind)}.`,
              )
            : explained(
                { anyOf: [NEVER, ...wanted.map(selected)] },
                `${me} requires one of ${aliasList(aliases)} (kind "${kind}") in the same selection.`,
              ),
        );
      }
    }
    for (const rule of incompatibleWith ?? []) {
      needs.push(
        typeof rule === 'string'
          ? explained({ not: selected(find(rule)) }, `${me} cannot run with "${rule}": remove one of them.`)
          : explained(
              { not: otherOfKind(rule.kind, one) },
              `${me} cannot run with another plugin of kind "${rule.kind}": remove one of them.`,
            ),
      );
    }
    if (needs.length === 0) continue;
    rules.push({
      if: selected(one),
      then: needs.length === 1 ? needs[0] : { allOf: needs },
    });
  }
  return rules;
}
