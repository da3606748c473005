import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { z } from 'zod';
import { PluginRegistry, PluginSelectionError, pluginsJsonSchema, type StandardSchemaV1 } from 'plugboard';
import { EDITOR_KEYWORDS } from './agreement.js';

class Strategy {}
class Precision {}
class Logger {}

const ddpOptions = z.object({ workers: z.number().int().min(1).max(8), sync: z.boolean().default(true) });
const tree: z.ZodType = z.object({
  name: z.string(),
  get children() {
    return z.array(tree).optional();
  },
});
/** A Standard Schema that cannot describe itself (it has no `jsonSchema`). */
const handmade: StandardSchemaV1 = {
  '~standard': { version: 1, vendor: 'handmade', validate: (value) => ({ value }) },
};

/** Strategies (exclusive, zod), precisions (exclusive, option keys only), loggers (any number, singleton or open). */
function trainerLikeRegistry(): PluginRegistry {
  const registry = new PluginRegistry();
  registry.defineKind('strategy', { exclusive: true });
  registry.defineKind('precision', { exclusive: true });
  const strategy = { kind: 'strategy', schema: ddpOptions, optionKeys: ['workers', 'sync'] };
  registry.register(Strategy, {
    alias: 'ddp',
    ...strategy,
    params: { workers: 2 },
    description: 'Data parallel',
    recommendedWhen: 'the model fits one device',
  });
  registry.register(Strategy, {
    alias: 'ddp_4',
    ...strategy,
    params: { workers: 4 },
    description: 'Data parallel on 4',
  });
  // Open-ended options (issue 22 refuses undeclared keys by default; this class's other variants declare some).
  registry.register(Strategy, {
    alias: 'single_device',
    kind: 'strategy',
    description: 'One device',
    allowUnknownOptions: true,
  });
  registry.register(Precision, {
    alias: 'bf16-mixed',
    kind: 'precision',
    params: { compute: 'bfloat16', scale: 1 },
    optionKeys: ['compute', 'scale'],
  });
  registry.register(Precision, { alias: '32-true', kind: 'precision', allowUnknownOptions: true });
  registry.register(Logger, { alias: 'csv', kind: 'logger', scope: 'singleton', description: 'CSV file' });
  registry.register(Logger, { alias: 'custom', kind: 'logger', schema: handmade });
  registry.register(Logger, { alias: 'tree', kind: 'logger', schema: tree, params: { name: 'root' } });
  registry.deprecate('ddp_spawn', 'ddp', { message: 'Lightning spelling.' });
  return registry;
}

function validator(schema: Record<string, unknown>) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  ajv.addVocabulary([...EDITOR_KEYWORDS]);
  const validate = ajv.compile(schema);
  return (value: unknown): { valid: boolean; errors: ErrorObject[] } => {
    const valid = validate(value);
    return { valid, errors: validate.errors ?? [] };
  };
}

/** Where the errors point and what they say, without ajv's if/then bookkeeping. */
const places = (errors: readonly ErrorObject[]) =>
  errors.filter((error) => error.keyword !== 'if').map((error) => [error.instancePath, error.keyword, error.params]);

describe(pluginsJsonSchema.name, () => {
  const registry = trainerLikeRegistry();
  const check = validator(pluginsJsonSchema(registry, { config: true }));

  it('accepts valid selections: texts, objects, arrays of both, other spellings and deprecated aliases', () => {
    const valid = [
      { plugins: ['ddp(workers=4)', { alias: 'bf16-mixed', options: { compute: 'float16' } }, 'csv'] },
      { plugins: "DDP-4 (workers=3, sync=false), 32-true, csv, custom(anything='(x)')" },
      { plugins: { alias: 'ddp_spawn', options: { sync: false } } },
      { plugins: [{ alias: 'tree', options: { children: [{ name: 'leaf', children: [] }] } }] },
      { plugins: [], epochs: 3, $schema: './plugins.schema.json' },
      { plugins: '' },
    ];

    for (const config of valid) expect([config, check(config).errors]).toEqual([config, []]);
  });

  it('refuses an unknown alias, pointing at it', () => {
    expect(places(check({ plugins: [{ alias: 'deepsped' }] }).errors)).toContainEqual(['/plugins/0/alias', 'not', {}]);
    expect(places(check({ plugins: ['ddp', 'ddpp(workers=2)'] }).errors)).toContainEqual(['/plugins/1', 'not', {}]);
  });

  it('refuses an unknown option, naming it', () => {
    const { valid, errors } = check({ plugins: [{ alias: 'ddp', options: { wokers: 4 } }] });

    expect(valid).toBe(false);
    expect(places(errors)).toContainEqual([
      '/plugins/0/options',
      'additionalProperties',
      { additionalProperty: 'wokers' },
    ]);
    expect(places(check({ plugins: [{ alias: 'bf16-mixed', options: { dtype: 'x' } }] }).errors)).toContainEqual([
      '/plugins/0/options',
      'additionalProperties',
      { additionalProperty: 'dtype' },
    ]);
  });

  it('refuses an option of the wrong type, pointing at the option', () => {
    expect(places(check({ plugins: [{ alias: 'ddp_4', options: { workers: 'four' } }] }).errors)).toContainEqual([
      '/plugins/0/options/workers',
      'type',
      { type: 'integer' },
    ]);
    expect(places(check({ plugins: [{ alias: 'ddp', options: { workers: 0 } }] }).errors)).toContainEqual([
      '/plugins/0/options/workers',
      'minimum',
      expect.objectContaining({ limit: 1 }),
    ]);
    expect(places(check({ plugins: [{ alias: 'bf16-mixed', options: { scale: '1' } }] }).errors)).toContainEqual([
      '/plugins/0/options/scale',
      'type',
      { type: 'number' },
    ]);
  });

  it('refuses two plugins of one exclusive kind, in an array or in one text, and allows two of another kind', () => {
    expect(places(check({ plugins: ['ddp', { alias: 'single_device' }] }).errors)).toContainEqual([
      '/plugins',
      'contains',
      { minContains: 0, maxContains: 1 },
    ]);
    expect(places(check({ plugins: ['bf16-mixed, csv, 32-true'] }).errors)).toContainEqual(['/plugins/0', 'not', {}]);
    expect(places(check({ plugins: 'ddp_spawn, ddp_4' }).errors)).toContainEqual(['/plugins', 'not', {}]);
    expect(check({ plugins: ['ddp', 'bf16-mixed', 'csv', 'custom', { alias: 'tree' }] }).valid).toBe(true);
  });

  it("checks a recursive schema's nested parts as the schema says, not relaxed for the variant's params", () => {
    expect(
      places(check({ plugins: [{ alias: 'tree', options: { children: [{ children: [] }] } }] }).errors),
    ).toContainEqual(['/plugins/0/options/children/0', 'required', { missingProperty: 'name' }]);
    expect(check({ plugins: [{ alias: 'tree', options: {} }] }).valid).toBe(true);
  });

  it('refuses options for a singleton plugin, and keys that could pollute a prototype', () => {
    expect(places(check({ plugins: [{ alias: 'csv', options: {} }] }).errors)).toContainEqual([
      '/plugins/0/options',
      'not',
      {},
    ]);
    expect(check({ plugins: ['csv()'] }).valid).toBe(false);
    const polluted: unknown = JSON.parse(
      '{ "plugins": [{ "alias": "custom", "options": { "a": { "__proto__": {} } } }] }',
    );
    expect(places(check(polluted).errors)).toContainEqual([
      '/plugins/0/options/a',
      'propertyNames',
      { propertyName: '__proto__' },
    ]);
  });

  it("does not require what the variant's params hold, and shows them as defaults", () => {
    const schema = pluginsJsonSchema(registry);

    expect(schema.$defs).toMatchObject({
      'options.ddp_4': {
        type: 'object',
        properties: { workers: { type: 'integer', default: 4 }, sync: { type: 'boolean', default: true } },
        additionalProperties: false,
      },
      'options.32-true': { type: 'object', properties: {} },
      'options.tree': { properties: { name: { type: 'string', default: 'root' } } },
    });
    expect((schema.$defs as Record<string, { required?: unknown }>)['options.ddp_4']?.required).toBeUndefined();
  });

  it('defines options that read alike once: the other plugins refer to it, each with its own description', () => {
    const defs = pluginsJsonSchema(registry).$defs as Record<string, unknown>;

    // "32-true" and "single_device" take no params and any option key: their options read alike.
    expect(defs['options.single_device']).toEqual({
      $ref: '#/$defs/options.32-true',
      description: 'Options of single_device (strategy), merged over its params.',
    });
    expect(check({ plugins: [{ alias: 'single_device', options: { anything: 1 } }] }).valid).toBe(true);
    expect(check({ plugins: [{ alias: 'ddp_4', options: { workers: 'four' } }] }).valid).toBe(false);
  });

  it('lists the aliases with description, recommendation and kind; deprecated ones name their successor', () => {
    const names = (pluginsJsonSchema(registry).$defs as Record<string, { defaultSnippets: unknown[] }>)[
      'plugboard.names'
    ];
    const snippets = (names?.defaultSnippets ?? []) as { body: string; description: string; label?: string }[];
    const about = (alias: string) => snippets.find((snippet) => snippet.body === alias)?.description;

    expect(snippets.find((snippet) => snippet.body === 'ddp_spawn')?.label).toBe('ddp_spawn (deprecated)');
    expect(about('ddp')).toBe(
      'Data parallel. Recommended when: the model fits one device. Kind: strategy, one per selection.',
    );
    expect(about('ddp_spawn')).toBe(
      'Deprecated: use "ddp" instead. Lightning spelling. Data parallel. Recommended when: the model fits one device. Kind: strategy, one per selection.',
    );
    expect(about('csv')).toBe('CSV file. Kind: logger.');
  });

  it('leaves the options of a schema that cannot describe itself open, and says so', () => {
    const defs = pluginsJsonSchema(registry).$defs as Record<string, unknown>;

    expect(defs['options.custom']).toEqual({
      type: 'object',
      description:
        'Options of custom (logger), merged over its params. Not checked here: its handmade schema does not implement ' +
        'Standard JSON Schema; plugboard checks them when they are used.',
      $comment: 'open: the plugin schema cannot describe itself as JSON Schema',
    });
  });

  it('writes draft-07 on request, which checks everything but one plugin per kind across an array', () => {
    const schema = pluginsJsonSchema(registry, { draft: '07' });
    const ajv = new Ajv({ strict: true, allErrors: true });
    ajv.addVocabulary([...EDITOR_KEYWORDS]);
    const validate = ajv.compile(schema);

    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(validate(['ddp(workers=4)', { alias: 'tree', options: { children: [{ name: 'x' }] } }])).toBe(true);
    expect(validate([{ alias: 'ddp', options: { workers: 'x' } }])).toBe(false);
    expect(validate('ddp, single_device')).toBe(false);
    expect(validate(['ddp', 'single_device'])).toBe(true);
  });

  it('keeps only the kinds asked for, and refuses an unknown kind or draft with a PluginSelectionError', () => {
    const strategies = validator(pluginsJsonSchema(registry, { kind: 'strategy' }));

    expect(strategies(['ddp']).valid).toBe(true);
    expect(strategies(['ddp', 'csv']).valid).toBe(false);
    expect(() => pluginsJsonSchema(registry, { kind: ['strategy', 'loger'] })).toThrow(
      new PluginSelectionError('No plugin of kind "loger". Kinds: logger, precision, strategy.'),
    );
    expect(() => pluginsJsonSchema(registry, { draft: '04' as '07' })).toThrow(
      'Unknown JSON Schema draft "04": use "2020-12" or "07".',
    );
  });

  it('refuses what is neither a registry nor a manifest with a PluginSelectionError', () => {
    for (const source of [undefined, {}, 'registry', { plugins: [] }]) {
      expect(() => pluginsJsonSchema(source as unknown as PluginRegistry)).toThrow(PluginSelectionError);
    }
    expect(() => pluginsJsonSchema({} as unknown as PluginRegistry)).toThrow(
      'pluginsJsonSchema takes a PluginRegistry or a manifest (readManifest), got an object.',
    );
  });

  it('describes a whole config file under another key with configKey, leaving the other keys open', () => {
    const schema = pluginsJsonSchema(registry, { config: true, configKey: 'trainerPlugins' });
    const file = validator(schema);

    expect(schema.properties).toEqual({
      $schema: { type: 'string' },
      trainerPlugins: { $ref: '#/$defs/plugboard.plugins' },
    });
    expect(file({ trainerPlugins: ['ddp'], plugins: 42, epochs: 3 }).valid).toBe(true);
    expect(file({ trainerPlugins: ['ddpp'] }).valid).toBe(false);
  });

  it('refuses every alias when the registry is empty', () => {
    const empty = validator(pluginsJsonSchema(new PluginRegistry()));

    expect([empty([]).valid, empty('').valid, empty(['ddp']).valid, empty({ alias: 'ddp' }).valid]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});

describe('pluginsJsonSchema with hostile options (issue 22)', () => {
  it('refuses options that are a revoked Proxy with PluginSelectionError, not a TypeError', () => {
    const revocable = Proxy.revocable({}, {});
    revocable.revoke();

    const call = () => pluginsJsonSchema(new PluginRegistry(), revocable.proxy);

    expect(call).toThrow(PluginSelectionError);
    expect(call).toThrow(
      'pluginsJsonSchema(source, options): options must be { draft?: string, kind?: strings, config?: boolean, ' +
        'configKey?: string }; reading draft threw. Nothing was done.',
    );
  });
});
