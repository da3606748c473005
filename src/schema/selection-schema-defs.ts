import type { JsonSchemaDraft } from '../registry/json-schema-of.js';
import { optionsJsonSchema } from './options-json-schema.js';
import type { SchemaPlugin, SchemaSource } from './schema-plugin.js';
import {
  anyAliasPattern,
  selectionTextPattern,
  textNamingPattern,
  type TextAliases,
} from './selection-text-pattern.js';
import { normalizeAlias } from '../registry/alias.js';
import { MAX_SELECTION_LENGTH } from '../selection/parse-plugin-selection.js';

type JsonObject = Record<string, unknown>;

/** Keys that could pollute a prototype: plugboard refuses them at any depth of options. */
const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'];

/** A plugin with the aliases that name it: its own, and the deprecated ones that lead to it. */
interface Named {
  readonly plugin: SchemaPlugin;
  readonly aliases: readonly string[];
}

/** The definitions of a selection schema: `plugboard.plugins` and what it refers to. */
export function selectionSchemaDefs(source: SchemaSource, draft: JsonSchemaDraft): JsonObject {
  const ref = (name: string): JsonObject => ({ $ref: `#/${draft === '07' ? 'definitions' : '$defs'}/${name}` });
  const named = namedPlugins(source);
  const defs: JsonObject = {};
  const all = textAliases(named);
  const exclusive = [...source.exclusiveKinds]
    .filter((kind) => named.some(({ plugin }) => plugin.kind === kind))
    .sort();
  const ofKind = (kind: string): Named[] => named.filter(({ plugin }) => plugin.kind === kind);

  const text: JsonObject = {
    type: 'string',
    description:
      "Plugins separated by commas, each an alias with optional (key=value, ...) options: 'ddp(workers=4), bf16-mixed'.",
    maxLength: MAX_SELECTION_LENGTH,
    pattern: selectionTextPattern(all),
  };
  const oneText = exclusive.map((kind) => ({
    $comment: `At most one plugin of the exclusive kind ${kind}.`,
    not: { type: 'string', pattern: textNamingPattern(all, textAliases(ofKind(kind)), 2) },
  }));
  if (oneText.length > 0) text.allOf = oneText;

  const perAlias = named.map(({ plugin, aliases }) => {
    const name = `options.${plugin.alias}`;
    if (!plugin.singleton) defs[name] = optionsJsonSchema(plugin, name, draft, defs);
    return {
      if: { type: 'object', properties: { alias: { type: 'string', pattern: anyAliasPattern(aliases) } } },
      then: { type: 'object', properties: { options: plugin.singleton ? false : ref(name) } },
    };
  });
  const choice: JsonObject = {
    type: 'object',
    description: 'One plugin: its alias, and options merged over its params.',
    required: ['alias'],
    properties: { alias: ref('plugboard.alias'), options: ref('plugboard.options') },
    additionalProperties: false,
  };
  if (perAlias.length > 0) choice.allOf = perAlias;

  const array: JsonObject = { type: 'array', items: ref('plugboard.item') };
  if (draft === '2020-12' && exclusive.length > 0) {
    array.allOf = exclusive.map((kind) => ({
      $comment: `At most one plugin of the exclusive kind ${kind}.`,
      contains: {
        if: { type: 'string' },
        then: { type: 'string', pattern: textNamingPattern(all, textAliases(ofKind(kind)), 1) },
        else: {
          type: 'object',
          properties: { alias: { type: 'string', pattern: anyAliasPattern(ofKind(kind).flatMap((n) => n.aliases)) } },
          required: ['alias'],
        },
      },
      minContains: 0,
      maxContains: 1,
    }));
  }

  return {
    'plugboard.plugins': {
      description:
        "The plugins to use: a selection text ('ddp(workers=4), bf16-mixed'), one { alias, options }, or an array of these.",
      if: { type: 'array' },
      then: array,
      else: { if: { type: 'string' }, then: ref('plugboard.text'), else: ref('plugboard.choice') },
    },
    'plugboard.item': { if: { type: 'string' }, then: ref('plugboard.text'), else: ref('plugboard.choice') },
    'plugboard.text': text,
    'plugboard.choice': choice,
    'plugboard.alias': aliasSchema(named, source, draft),
    'plugboard.options': {
      type: 'object',
      propertyNames: { not: { type: 'string', enum: FORBIDDEN_KEYS } },
      additionalProperties: ref('plugboard.value'),
    },
    'plugboard.value': {
      if: { type: 'object' },
      then: {
        type: 'object',
        propertyNames: { not: { type: 'string', enum: FORBIDDEN_KEYS } },
        additionalProperties: ref('plugboard.value'),
      },
      else: { if: { type: 'array' }, then: { type: 'array', items: ref('plugboard.value') } },
    },
    ...defs,
  };
}

/** The plugins, each with its own alias and the deprecated aliases that lead to it. */
function namedPlugins(source: SchemaSource): Named[] {
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
function successorKey(alias: string, source: SchemaSource): string {
  let key = normalizeAlias(alias);
  for (let hop = 0; hop < 8; hop += 1) {
    const next = source.deprecations.find((deprecation) => normalizeAlias(deprecation.alias) === key);
    if (!next) return key;
    key = normalizeAlias(next.successor);
  }
  return key;
}

function textAliases(named: readonly Named[]): TextAliases {
  return {
    withOptions: named.filter(({ plugin }) => !plugin.singleton).flatMap(({ aliases }) => aliases),
    withoutOptions: named.filter(({ plugin }) => plugin.singleton).flatMap(({ aliases }) => aliases),
  };
}

/** The aliases with their descriptions (editors show them when completing), and any other spelling of them. */
function aliasSchema(named: readonly Named[], source: SchemaSource, draft: JsonSchemaDraft): JsonObject {
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
