import { aliasNamesJsonSchema, deprecationsJsonSchema, unknownAliasJsonSchema } from './alias-json-schema.js';
import { aliasesOf, namedPlugins, namingValue, textAliases, type Named } from './named-plugins.js';
import { optionsJsonSchema } from './options-json-schema.js';
import { rulesJsonSchema, type RuleDefs } from './rules-json-schema.js';
import type { SchemaSource } from './schema-plugin.js';
import {
  ONE_WORD_PATTERN,
  anyAliasPattern,
  selectionTextPattern,
  textNamingPattern,
} from './selection-text-pattern.js';
import type { JsonSchemaDraft } from '../registry/json-schema-of.js';
import { MAX_SELECTION_LENGTH } from '../selection/parse-plugin-selection.js';

type JsonObject = Record<string, unknown>;

/** Keys that could pollute a prototype: plugboard refuses them at any depth of options. */
const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'];

const TEXT_MESSAGE =
  'Not a selection of known plugins: an alias is unknown, or the text is not "alias(key=value, ...), alias, ...". ' +
  'Completion lists the aliases.';

/**
 * The definitions of a selection schema: `plugboard.plugins` and what it refers to. The text grammar and each
 * kind's and plugin's facts are defined once and referred to, so the schema grows with the registry.
 */
export function selectionSchemaDefs(source: SchemaSource, draft: JsonSchemaDraft): JsonObject {
  const ref = (name: string): JsonObject => ({ $ref: `#/${draft === '07' ? 'definitions' : '$defs'}/${name}` });
  const named = namedPlugins(source);
  const defs: JsonObject = {};
  const shared: JsonObject = {};
  const ruleDefs: RuleDefs = {
    shared(name, build) {
      if (!Object.hasOwn(shared, name)) {
        shared[name] = {};
        shared[name] = build(ref(name));
      }
      return ref(name);
    },
  };
  const exclusive = [...source.exclusiveKinds]
    .filter((kind) => named.some(({ plugin }) => plugin.kind === kind))
    .sort();
  const kinds = new Map<string, Named[]>();
  for (const one of named) kinds.set(one.plugin.kind, [...(kinds.get(one.plugin.kind) ?? []), one]);
  const ofKind = (kind: string): Named[] => kinds.get(kind) ?? [];
  const oneOfKind = (kind: string): string =>
    `Two plugins of the exclusive kind "${kind}": a selection takes one plugin of that kind.`;
  const names = aliasNamesJsonSchema(named, source);
  const deprecations = deprecationsJsonSchema(named, source, draft);
  const annotations = [
    ...(Object.keys(names).length > 0 ? [ref('plugboard.names')] : []),
    ...(Object.keys(deprecations).length > 0 ? [ref('plugboard.deprecations')] : []),
  ];

  const text: JsonObject = {
    type: 'string',
    description:
      "Plugins separated by commas, each an alias with optional (key=value, ...) options: 'ddp(workers=4), bf16-mixed'.",
    maxLength: MAX_SELECTION_LENGTH,
    if: { pattern: selectionTextPattern(textAliases(named)) },
    else: {
      if: { pattern: ONE_WORD_PATTERN },
      then: ref('plugboard.unknown'),
      else: { not: {}, errorMessage: TEXT_MESSAGE },
    },
  };
  const textChecks = [
    ...annotations,
    ...exclusive.map((kind) => ({
      not: { type: 'string', pattern: textNamingPattern(aliasesOf(ofKind(kind)), 2) },
      errorMessage: oneOfKind(kind),
    })),
  ];
  if (textChecks.length > 0) text.allOf = textChecks;

  // Plugins whose options read alike (variants of one class, mostly) share one definition of them, checked by
  // one `if` over all their aliases: a validator compiles each shape once. Each `options.<alias>` still names
  // its plugin, and a description-only `if` per plugin shows it on hover (it costs a validator little).
  const shapes = new Map<string, { name: string; aliases: string[] }>();
  const singletons: JsonObject[] = [];
  const descriptions: JsonObject[] = [];
  const aliasIs = (aliases: readonly string[]): JsonObject => ({
    properties: { alias: { type: 'string', pattern: anyAliasPattern(aliases) } },
  });
  for (const { plugin, aliases } of named) {
    const name = `options.${plugin.alias}`;
    if (plugin.singleton) {
      singletons.push({
        if: aliasIs(aliases),
        then: {
          properties: {
            options: { not: {}, errorMessage: `"${plugin.alias}" is a singleton plugin: it takes no options.` },
          },
        },
      });
      continue;
    }
    const schema = optionsJsonSchema(plugin, name, draft, defs);
    const key = JSON.stringify({ ...schema, description: undefined });
    const shape = shapes.get(key);
    if (shape === undefined) {
      shapes.set(key, { name, aliases: [...aliases] });
      defs[name] = schema;
      continue;
    }
    shape.aliases.push(...aliases);
    const { description } = schema;
    // Beside `$ref`, draft-07 ignores other keywords: the description goes around it.
    defs[name] = draft === '07' ? { description, allOf: [ref(shape.name)] } : { ...ref(shape.name), description };
    // Spelled as registered: a hover on another spelling shows the description of an alike plugin's options.
    const spelled = aliases.length === 1 ? { const: aliases[0] } : { enum: [...aliases] };
    descriptions.push({ if: { properties: { alias: spelled } }, then: { properties: { options: { description } } } });
  }
  // The descriptions come first: an editor shows the first description it meets.
  const perAlias = [
    ...descriptions,
    ...[...shapes.values()].map(({ name, aliases }) => ({
      if: aliasIs(aliases),
      then: { properties: { options: ref(name) } },
    })),
    ...singletons,
  ];
  const choice: JsonObject = {
    type: 'object',
    description: 'One plugin: its alias, and options merged over its params.',
    required: ['alias'],
    properties: { alias: ref('plugboard.alias'), options: ref('plugboard.options') },
    additionalProperties: false,
  };
  if (perAlias.length > 0) choice.allOf = perAlias;

  const array: JsonObject = { type: 'array', items: ref('plugboard.item') };
  const exclusiveItems =
    draft === '2020-12'
      ? exclusive.map((kind) => ({
          contains: ruleDefs.shared(`plugboard.kind.${kind}`, (self) => namingValue(ofKind(kind), self)),
          minContains: 0,
          maxContains: 1,
          errorMessage: oneOfKind(kind),
        }))
      : [];
  if (exclusiveItems.length > 0) array.allOf = exclusiveItems;
  const rules = rulesJsonSchema(source, named, ruleDefs);
  const alias: JsonObject = {
    type: 'string',
    if: { pattern: anyAliasPattern(aliasesOf(named)) },
    else: ref('plugboard.unknown'),
  };
  if (annotations.length > 0) alias.allOf = annotations;
  const hasNames = Object.keys(names).length > 0;
  // The aliases complete in a text given alone, and the rules look at the whole value.
  const pluginsAllOf = [
    ...(hasNames ? [ref('plugboard.names')] : []),
    ...(rules.length > 0 ? [ref('plugboard.rules')] : []),
  ];

  return {
    'plugboard.plugins': {
      description:
        "The plugins to use: a selection text ('ddp(workers=4), bf16-mixed'), one { alias, options }, or an array of these.",
      ...(pluginsAllOf.length > 0 ? { allOf: pluginsAllOf } : {}),
      defaultSnippets: [{ label: '[ plugins ]', description: 'An array of plugins', body: ['$1'] }],
      if: { type: 'array' },
      then: array,
      else: { if: { type: 'string' }, then: ref('plugboard.text'), else: ref('plugboard.choice') },
    },
    'plugboard.item': {
      ...(hasNames ? { allOf: [ref('plugboard.names')] } : {}),
      if: { type: 'string' },
      then: ref('plugboard.text'),
      else: ref('plugboard.choice'),
    },
    'plugboard.text': text,
    'plugboard.choice': choice,
    'plugboard.alias': alias,
    ...(hasNames ? { 'plugboard.names': names } : {}),
    ...(rules.length > 0 ? { 'plugboard.rules': { allOf: rules } } : {}),
    ...(Object.keys(deprecations).length > 0 ? { 'plugboard.deprecations': deprecations } : {}),
    'plugboard.unknown': unknownAliasJsonSchema(named),
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
    ...shared,
    ...defs,
  };
}
