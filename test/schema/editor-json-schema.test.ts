import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvErrors from 'ajv-errors';
import {
  getLanguageService,
  TextDocument,
  type CompletionItem,
  type Diagnostic,
  type LanguageService,
} from 'vscode-json-languageservice';
import { PluginRegistry, pluginsJsonSchema } from 'plugboard';
import { EDITOR_KEYWORDS } from './agreement.js';
import { hostileStrings, schemaRegistry } from '../../bench/lib/schema-registry.js';

// Issue 23: the schema in VS Code's own JSON language service (what the editor runs): one message per problem
// that names it, completions of aliases in text items, hover; and every pattern linear on hostile strings.

type Schema = Record<string, unknown>;

/** An editor with `schema` mapped to every config file, as `"$schema"` or `json.schemas` does. */
function editor(schema: Schema): {
  diagnostics: (config: unknown) => Promise<Diagnostic[]>;
  complete: (text: string) => Promise<CompletionItem[]>;
  hover: (text: string) => Promise<string>;
  service: LanguageService;
} {
  const service = getLanguageService({});
  // The service resolves references in the schema object it is given: a copy, so the caller's stays JSON.
  const copy = structuredClone(schema);
  service.configure({
    validate: true,
    schemas: [{ uri: 'memory://plugins.schema.json', fileMatch: ['*.json'], schema: copy }],
  });
  let version = 0;
  const open = (text: string) => {
    version += 1;
    const document = TextDocument.create(`memory://config${String(version)}.json`, 'json', 1, text);
    return { document, json: service.parseJSONDocument(document) };
  };
  /** `|` marks the cursor. */
  const at = (text: string) => {
    const offset = text.indexOf('|');
    const opened = open(text.replace('|', ''));
    return { ...opened, position: opened.document.positionAt(offset) };
  };
  return {
    service,
    diagnostics: async (config) => {
      const { document, json } = open(JSON.stringify(config));
      return service.doValidation(document, json);
    },
    complete: async (text) => {
      const { document, json, position } = at(text);
      return (await service.doComplete(document, position, json))?.items ?? [];
    },
    hover: async (text) => {
      const { document, json, position } = at(text);
      const contents = (await service.doHover(document, position, json))?.contents;
      // As text: the markdown VS Code shows, without its escapes.
      return JSON.stringify(contents ?? '').replace(/\\\\(.)/g, '$1');
    },
  };
}

const messages = (diagnostics: Diagnostic[]) => diagnostics.map((diagnostic) => diagnostic.message);

// The trainer's whole config schema: its run settings with plugboard's plugins schema merged in (issue 26).
const trainerSchema = JSON.parse(
  readFileSync(new URL('../../samples/trainer/trainer.schema.json', import.meta.url), 'utf8'),
) as Schema;

class Plugin {}

describe('the trainer schema in VS Code', () => {
  const vscode = editor(trainerSchema);

  it('accepts the trainer config as it is', async () => {
    const { $schema, ...config } = JSON.parse(
      readFileSync(new URL('../../samples/trainer/trainer.json', import.meta.url), 'utf8'),
    ) as Record<string, unknown>;

    expect($schema).toBe('./trainer.schema.json');
    expect(await vscode.diagnostics(config)).toEqual([]);
  });

  it('reports a mistyped alias once, with the known aliases that begin like it', async () => {
    const texts = messages(await vscode.diagnostics({ plugins: ['dpp', 'bf16-mixed'] }));
    const objects = messages(await vscode.diagnostics({ plugins: [{ alias: 'dpp' }] }));

    expect(texts).toEqual([
      'Unknown alias. Known aliases that begin with "d": "ddp", "ddp_4", "ddp_find_unused_parameters_false", ' +
        '"ddp_find_unused_parameters_true", "ddp_sharded", "ddp_spawn", "deepspeed", "deepspeed_stage_1", ' +
        '"deepspeed_stage_1_offload", "deepspeed_stage_2" and 7 more.',
    ]);
    expect(objects).toEqual(texts);
  });

  it('reports an unknown alias inside a longer text once, and says what a text is', async () => {
    expect(messages(await vscode.diagnostics({ plugins: 'ddp, bf16-mxed' }))).toEqual([
      'Not a selection of known plugins: an alias is unknown, or the text is not "alias(key=value, ...), alias, ...". Completion lists the aliases.',
    ]);
  });

  it('reports two plugins of an exclusive kind once, naming the kind, in an array and in one text', async () => {
    const message = 'Two plugins of the exclusive kind "strategy": a selection takes one plugin of that kind.';

    expect(messages(await vscode.diagnostics({ plugins: ['ddp', 'deepspeed_zero_2'] }))).toEqual([message]);
    expect(messages(await vscode.diagnostics({ plugins: 'ddp, deepspeed_zero_2' }))).toEqual([message]);
  });

  it('completes aliases in a text item and in { alias }, with their descriptions', async () => {
    for (const text of ['{ "plugins": ["|"] }', '{ "plugins": [{ "alias": "|" }] }']) {
      const items = await vscode.complete(text);
      const ddp = items.find((item) => item.label === '"ddp"');

      expect(items.length).toBeGreaterThanOrEqual(27);
      expect(JSON.stringify(ddp?.documentation)).toContain('Kind: strategy, one per selection');
    }
  });

  it('shows what an option is on hover', async () => {
    expect(await vscode.hover('{ "plugins": [{ "alias": "ddp", "options": { "work|ers": 4 } }] }')).toMatch(/\S/);
    expect(await vscode.hover('{ "plugins": [{ "alias": "ddp", "opt|ions": {} }] }')).toContain('Options of ddp');
  });
});

// The trainer's Lightning names are first-class aliases now (issue 26): a registry of its own shows a deprecated one.
describe('a deprecated alias in VS Code', () => {
  const registry = new PluginRegistry();
  registry.register(Plugin, { alias: 'ddp', kind: 'strategy' });
  registry.deprecate('ddp_spawn', 'ddp', { message: 'Lightning spelling, kept for compatibility.' });
  const vscode = editor(pluginsJsonSchema(registry, { config: true }));

  it('shows a deprecated alias as deprecated, naming the alias to use instead', async () => {
    const items = await vscode.complete('{ "plugins": ["|"] }');
    const spawn = items.find((item) => item.label.startsWith('ddp_spawn'));
    const warnings = await vscode.diagnostics({ plugins: ['ddp_spawn'] });

    expect(spawn?.label).toBe('ddp_spawn (deprecated)');
    expect(JSON.stringify(spawn?.documentation)).toContain('Deprecated: use \\"ddp\\" instead.');
    expect(warnings.map((warning) => [warning.severity, warning.message])).toEqual([
      [2, '"ddp_spawn" is deprecated: use "ddp" instead. Lightning spelling, kept for compatibility.'],
    ]);
  });
});

describe('the trainer schema in ajv with ajv-errors', () => {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  ajv.addVocabulary(EDITOR_KEYWORDS.filter((keyword) => keyword !== 'errorMessage'));
  (ajvErrors as unknown as (ajv: Ajv2020) => Ajv2020)(ajv);
  const validate = ajv.compile(trainerSchema);
  /** The messages, without ajv's bookkeeping of if/then/else. */
  const errors = (plugins: unknown) => {
    validate({ plugins });
    return (validate.errors ?? [])
      .filter((error) => error.keyword !== 'if')
      .map((error) => `${error.instancePath}: ${error.message ?? ''}`);
  };

  it('shows the same one message per problem as VS Code', () => {
    expect(errors(['dpp', 'bf16-mixed'])).toEqual([
      '/plugins/0: Unknown alias. Known aliases that begin with "d": "ddp", "ddp_4", "ddp_find_unused_parameters_false", ' +
        '"ddp_find_unused_parameters_true", "ddp_sharded", "ddp_spawn", "deepspeed", "deepspeed_stage_1", ' +
        '"deepspeed_stage_1_offload", "deepspeed_stage_2" and 7 more.',
    ]);
    expect(errors('ddp, deepspeed_zero_2')).toEqual([
      '/plugins: Two plugins of the exclusive kind "strategy": a selection takes one plugin of that kind.',
    ]);
    expect(errors(['ddp', { alias: 'deepspeed_zero_2' }])).toEqual([
      '/plugins: Two plugins of the exclusive kind "strategy": a selection takes one plugin of that kind.',
    ]);
  });
});

describe('rules in VS Code', () => {
  const registry = new PluginRegistry();
  registry.register(Plugin, { alias: 'fsdp', kind: 'strategy', requires: ['bf16'] });
  registry.register(Plugin, { alias: 'bf16', kind: 'precision', incompatibleWith: [{ kind: 'quantizer' }] });
  registry.register(Plugin, { alias: 'int8', kind: 'quantizer', incompatibleWith: ['fsdp'] });
  registry.defineKind('logger', { required: true });
  registry.register(Plugin, { alias: 'csv', kind: 'logger', scope: 'singleton' });
  registry.register(Plugin, { alias: 'tensorboard', kind: 'logger' });
  const vscode = editor(pluginsJsonSchema(registry, { config: true }));

  it('reports a broken rule once, naming it', async () => {
    expect(messages(await vscode.diagnostics({ plugins: ['fsdp', 'csv'] }))).toEqual([
      '"fsdp" requires "bf16" in the same selection.',
    ]);
    expect(messages(await vscode.diagnostics({ plugins: 'bf16, int8, csv' }))).toEqual([
      '"bf16" cannot run with another plugin of kind "quantizer": remove one of them.',
    ]);
    expect(messages(await vscode.diagnostics({ plugins: 'int8, fsdp, bf16, tensorboard' }))).toEqual([
      '"bf16" cannot run with another plugin of kind "quantizer": remove one of them.',
      '"int8" cannot run with "fsdp": remove one of them.',
    ]);
    expect(messages(await vscode.diagnostics({ plugins: ['bf16'] }))).toEqual([
      'A plugin of the required kind "logger" is missing: add one of "csv", "tensorboard".',
    ]);
    expect(messages(await vscode.diagnostics({ plugins: [{ alias: 'csv', options: {} }] }))).toEqual([
      '"csv" is a singleton plugin: it takes no options.',
    ]);
    expect(await vscode.diagnostics({ plugins: 'fsdp, bf16, csv' })).toEqual([]);
  });
});

/** 1,000 plugins in kinds of 10, 100 of them exclusive, 200 with a rule (the benchmark's shape, 10x). */
const thousand = schemaRegistry(PluginRegistry, { plugins: 1000, exclusive: 100, rules: 200 });
const thousandSchema = pluginsJsonSchema(thousand, { config: true });

describe('a 1,000-plugin registry in VS Code', () => {
  const registry = thousand;
  const vscode = editor(thousandSchema);

  it('grows with the registry, not its square', () => {
    const small = schemaRegistry(PluginRegistry, { plugins: 100, exclusive: 10, rules: 20 });
    const size = (of: PluginRegistry) => JSON.stringify(pluginsJsonSchema(of, { config: true })).length;

    expect(size(registry) / size(small)).toBeLessThanOrEqual(11);
  });

  it('completes every alias in a text item, and reports one message per problem', async () => {
    const items = await vscode.complete('{ "plugins": ["|"] }');

    expect(items.filter((item) => !item.label.endsWith('(deprecated)')).length).toBeGreaterThanOrEqual(1000);
    expect(messages(await vscode.diagnostics({ plugins: ['plugin-0-ddp', 'plugin-0-bf16'] }))).toEqual([
      'Two plugins of the exclusive kind "kind0": a selection takes one plugin of that kind.',
    ]);
    expect(messages(await vscode.diagnostics({ plugins: ['plugin-0-dpp'] }))).toHaveLength(1);
    expect(await vscode.hover('{ "plugins": [{ "alias": "plugin-99-lr", "opt|ions": {} }] }')).toContain(
      'Options of plugin-99-lr (kind99)',
    );
  });
});

/** Generous: the patterns that backtracked took seconds to minutes on strings of this length. */
const BOUND_MS = 2000;

describe('every pattern runs in linear time', () => {
  const cases: [string, Schema, string[]][] = [
    ['trainer', trainerSchema, ['ddp', 'ddp_spawn', 'csv_logger', 'deepspeed_stage_2', 'bf16-mixed']],
    // One alias (a deprecated one, so both tries are read): compiling 1,000 plugins' schema is most of the time.
    ['1,000 plugins', thousandSchema, ['old-plugin-0-ddp']],
  ];

  for (const [name, schema, aliases] of cases) {
    it(`validates hostile strings up to maxLength quickly, in ajv and in VS Code (${name})`, async () => {
      const maxLength = ((schema.$defs as Record<string, { maxLength: number }>)['plugboard.text'] ?? { maxLength: 0 })
        .maxLength;
      const ajv = new Ajv2020({ strict: true, allErrors: true });
      ajv.addVocabulary([...EDITOR_KEYWORDS]);
      const validate = ajv.compile(schema);
      const vscode = editor(schema);
      await vscode.diagnostics({ plugins: [aliases[0]] });
      let slowest = { ms: 0, text: '' };
      const strings = hostileStrings(aliases, maxLength);
      for (const text of strings) {
        expect(text.length).toBeLessThanOrEqual(maxLength);
        const once = async () => {
          const start = performance.now();
          validate({ plugins: [text] });
          validate({ plugins: text });
          await vscode.diagnostics({ plugins: [text] });
          return performance.now() - start;
        };
        // Backtracking is the same every time; a pause of a busy machine is not: a slow string is timed again.
        let ms = await once();
        if (ms > BOUND_MS) ms = Math.min(ms, await once());
        if (ms > slowest.ms) slowest = { ms, text: `${text.slice(0, 40)}... (${String(text.length)} characters)` };
      }
      // Generous: the patterns that backtracked took seconds to minutes on strings of this length; linear ones
      // take milliseconds (bench/schema.bench.ts measures them), even on a loaded machine.
      expect(slowest.ms).toBeLessThan(BOUND_MS);
      expect(strings.length).toBeGreaterThan(100);
    }, 300_000);
  }
});
