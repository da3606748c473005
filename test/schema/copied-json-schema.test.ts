import { describe, expect, it } from '@jest/globals';
import vm from 'node:vm';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { PluginRegistry, UnknownPluginError, pluginsJsonSchema, type StandardSchemaV1 } from 'plugboard';
import { EDITOR_KEYWORDS } from './agreement.js';
import { thrown } from '../support/thrown.js';

// Issue 23: definitions copied from a plugin's schema are made safe to merge (what is left out is reported),
// whatever realm made them; and a kind default that is not a plugin of its kind refuses to write a schema.

class Plugin {}

/** A Standard Schema that describes itself with `jsonSchema`, whatever that is, and accepts anything. */
function describedAs(jsonSchema: Record<string, unknown>): StandardSchemaV1 {
  return {
    '~standard': {
      version: 1,
      vendor: 'handmade',
      validate: (value) => ({ value }),
      jsonSchema: { input: () => jsonSchema, output: () => jsonSchema },
    },
  } as StandardSchemaV1;
}

function compile(schema: Record<string, unknown>) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  ajv.addVocabulary([...EDITOR_KEYWORDS]);
  return ajv.compile(schema);
}

describe('definitions copied from a plugin schema', () => {
  it('leaves out remote and dangling references, nested ids, broken patterns and __proto__, and says so', () => {
    const hostile = JSON.parse(`{
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "$id": "https://example.com/options.json",
      "type": "object",
      "properties": {
        "remote": { "$ref": "https://example.com/remote.json" },
        "missing": { "$ref": "#/$defs/Nowhere" },
        "node": { "$ref": "#/$defs/Node" },
        "nested": { "$id": "inner.json", "$anchor": "here", "type": "string" },
        "broken": { "type": "string", "pattern": "((" },
        "__proto__": { "type": "number" }
      },
      "$defs": { "Node": { "type": "object", "properties": { "next": { "$ref": "#/$defs/Node" } } } }
    }`) as Record<string, unknown>;
    const registry = new PluginRegistry();
    registry.register(Plugin, { alias: 'ddp', kind: 'strategy', schema: describedAs(hostile) });

    const schema = pluginsJsonSchema(registry);
    const defs = schema.$defs as Record<string, Record<string, unknown>>;
    const validate = compile(schema);

    expect(defs['options.ddp']?.$comment).toBe(
      "Left out of the plugin's JSON Schema, which plugboard still applies: " +
        '$ref "https://example.com/remote.json" (outside this schema, or to a missing definition) at /properties/remote; ' +
        '$ref "#/$defs/Nowhere" (outside this schema, or to a missing definition) at /properties/missing; ' +
        'a nested $id at /properties/nested/$id; a nested $anchor at /properties/nested/$anchor; ' +
        'pattern "((" (not a valid regular expression) at /properties/broken; ' +
        'the key "__proto__" at /properties/__proto__.',
    );
    expect(defs['options.ddp']?.properties).toEqual({
      remote: {},
      missing: {},
      node: { $ref: '#/$defs/options.ddp.Node' },
      nested: { type: 'string' },
      broken: { type: 'string' },
    });
    expect(defs['options.ddp.Node']).toEqual({
      type: 'object',
      properties: { next: { $ref: '#/$defs/options.ddp.Node' } },
    });
    expect(validate([{ alias: 'ddp', options: { node: { next: { next: {} } }, broken: '((' } }])).toBe(true);
    expect(validate([{ alias: 'ddp', options: { node: { next: 3 } } }])).toBe(false);
  });

  it('rewrites references the same way when the schema was made in another realm', () => {
    const foreign = vm.runInNewContext(
      `({ type: 'object', properties: { node: { $ref: '#/$defs/Node' } }, $defs: { Node: { type: 'integer' } } })`,
    ) as Record<string, unknown>;
    expect(Object.getPrototypeOf(foreign)).not.toBe(Object.prototype);
    const registry = new PluginRegistry();
    registry.register(Plugin, { alias: 'ddp', kind: 'strategy', schema: describedAs(foreign) });

    const schema = pluginsJsonSchema(registry);
    const defs = schema.$defs as Record<string, Record<string, unknown>>;

    expect(defs['options.ddp']?.properties).toEqual({ node: { $ref: '#/$defs/options.ddp.Node' } });
    expect(defs['options.ddp.Node']).toEqual({ type: 'integer' });
    expect(compile(schema)([{ alias: 'ddp', options: { node: 'x' } }])).toBe(false);
  });
});

describe('a kind default that is not a plugin of its kind', () => {
  it('refuses to write a schema that would accept configs resolveAll refuses, naming the kind and the default', () => {
    const registry = new PluginRegistry();
    registry.defineKind('strategy', { exclusive: true, default: 'ddpp' });
    registry.register(Plugin, { alias: 'ddp', kind: 'strategy' });
    registry.register(Plugin, { alias: 'bf16', kind: 'precision' });

    const error = thrown(() => pluginsJsonSchema(registry));

    expect(error).toBeInstanceOf(UnknownPluginError);
    expect(error).toMatchObject({ code: 'PLUGIN_NOT_FOUND', alias: 'ddpp', kind: 'strategy' });
    expect(error.message).toBe(
      'No plugin "ddpp" (kind strategy). Did you mean "ddp"? Available: ddp.\n' +
        'It is the default of kind "strategy" (defineKind), so resolveAll refuses every selection without a ' +
        '"strategy" plugin: register it, or change the default, before writing the JSON Schema.',
    );
    registry.defineKind('strategy', { exclusive: true, default: 'bf16' });
    expect(thrown(() => pluginsJsonSchema(registry))).toBeInstanceOf(UnknownPluginError);
  });
});
