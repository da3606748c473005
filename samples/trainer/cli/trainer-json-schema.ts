import { z } from 'zod';
import { pluginsJsonSchema, type PluginRegistry } from 'plugboard';
import type { ShorthandKind } from './read-run-selection.js';
import { trainerConfigSchema } from './trainer-config.js';

type JsonSchema = Record<string, unknown>;

/**
 * The JSON Schema (draft 2020-12) of a whole trainer config file: the run settings from `trainerConfigSchema`
 * and plugboard's schema of the `plugins` value merged in (its `$defs` as they are), so that `$schema` gives
 * completion and checks for everything in the file. `strategy` and `precision` take `auto` or an alias of
 * their kind as registered, with options in parentheses (which the schema does not check, as in a `plugins`
 * text).
 */
export function trainerJsonSchema(registry: PluginRegistry): JsonSchema {
  const plugins = pluginsJsonSchema(registry, { config: true }) as JsonSchema & {
    properties: Record<string, JsonSchema>;
    $defs: JsonSchema;
  };
  const own = z.toJSONSchema(trainerConfigSchema) as JsonSchema & { properties: Record<string, JsonSchema> };
  const shorthand = (kind: ShorthandKind): JsonSchema => {
    const aliases = registry.list({ kind }).map((entry) => entry.alias);
    const escaped = aliases.map((alias) => alias.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    // As long as plugboard's selection texts may be, which bounds the pattern's work.
    const text = plugins.$defs['plugboard.text'] as { maxLength?: number } | undefined;
    return {
      ...own.properties[kind],
      type: 'string',
      ...(text?.maxLength === undefined ? {} : { maxLength: text.maxLength }),
      anyOf: [{ enum: ['auto', ...aliases] }, { pattern: `^\\s*(?:${escaped.join('|')})\\s*\\(.*\\)\\s*$` }],
    };
  };
  return {
    $schema: own.$schema,
    title: 'Trainer config (samples/trainer)',
    type: 'object',
    properties: {
      ...own.properties,
      plugins: { ...own.properties.plugins, ...plugins.properties.plugins },
      strategy: shorthand('strategy'),
      precision: shorthand('precision'),
    },
    additionalProperties: false,
    $defs: plugins.$defs,
  };
}
