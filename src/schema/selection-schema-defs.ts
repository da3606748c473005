import { aliasJsonSchema } from './alias-json-schema.js';
import { namedPlugins, namingItem, textAliases, type Named } from './named-plugins.js';
import { optionsJsonSchema } from './options-json-schema.js';
import { rulesJsonSchema } from './rules-json-schema.js';
import type { SchemaSource } from './schema-plugin.js';
import { anyAliasPattern, selectionTextPattern, textNamingPattern } from './selection-text-pattern.js';
import type { JsonSchemaDraft } from '../registry/json-schema-of.js';
import { MAX_SELECTION_LENGTH } from '../selection/parse-plugin-selection.js';

type JsonObject = Record<string, unknown>;

/** Keys that could pollute a prototype: plugboard refuses them at any depth of options. */
const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'];

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
  const oneOfKind =
    draft === '2020-12'
      ? exclusive.map((kind) => ({
          $comment: `At most one plugin of the exclusive kind ${kind}.`,
          contains: namingItem(all, ofKind(kind)),
          minContains: 0,
          maxContains: 1,
        }))
      : [];
  const arrayRules = [...oneOfKind, ...rulesJsonSchema(source, named, all, 'array')];
  if (arrayRules.length > 0) array.allOf = arrayRules;
  const one: JsonObject = { if: { type: 'string' }, then: ref('plugboard.text'), else: ref('plugboard.choice') };
  const singleRules = rulesJsonSchema(source, named, all, 'single');

  return {
    'plugboard.plugins': {
      description:
        "The plugins to use: a selection text ('ddp(workers=4), bf16-mixed'), one { alias, options }, or an array of these.",
      if: { type: 'array' },
      then: array,
      else: singleRules.length > 0 ? { allOf: [one, ...singleRules] } : one,
    },
    'plugboard.item': { if: { type: 'string' }, then: ref('plugboard.text'), else: ref('plugboard.choice') },
    'plugboard.text': text,
    'plugboard.choice': choice,
    'plugboard.alias': aliasJsonSchema(named, source, draft),
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
