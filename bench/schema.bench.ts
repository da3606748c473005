/**
 * Benchmark 7: the JSON Schema of `plugins` (pluginsJsonSchema) with real clients. Its size for a registry
 * of 100 plugins (10 exclusive kinds, 20 rules) and how it grows to 1,000 at the same density; ajv's 2020-12
 * compile of it; the slowest validation of hostile strings up to the schema's maxLength in ajv and in VS Code's
 * JSON language service; the messages VS Code shows for three common mistakes.
 *
 *   npx tsx --tsconfig bench/tsconfig.run.json bench/schema.bench.ts   (after npm run build; prints the section)
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import vscodeJson from 'vscode-json-languageservice';
import { PluginRegistry, pluginsJsonSchema } from 'plugboard';
import { hostileStrings, schemaRegistry } from './lib/schema-registry.js';
import { spread, table, verdict } from './lib/summary.js';

const { getLanguageService, TextDocument } = vscodeJson;
type Schema = Record<string, unknown>;

/** The keywords the schema holds for editors: a strict ajv is told they are annotations (docs/json-schema.md). */
const EDITOR_KEYWORDS = [
  'errorMessage',
  'deprecationMessage',
  'enumDescriptions',
  'markdownDescription',
  'defaultSnippets',
];
const REPEATS = Number(process.env.BENCH_SCHEMA_RUNS ?? 5);

export interface SchemaFigures {
  readonly sizeKb: number;
  readonly compactKb: number;
  readonly growth: number;
  readonly compileMs: number[];
  readonly compileThousandMs: number[];
  readonly ajvWorstMs: number;
  readonly vscodeWorstMs: number;
  readonly worstText: string;
  readonly messages: Record<string, string[]>;
}

function ajvFor(schema: Schema) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  ajv.addVocabulary(EDITOR_KEYWORDS);
  return ajv.compile(schema);
}

function vscodeFor(schema: Schema): (config: unknown) => Promise<string[]> {
  const service = getLanguageService({});
  service.configure({
    validate: true,
    schemas: [{ uri: 'memory://plugins.schema.json', fileMatch: ['*.json'], schema: structuredClone(schema) }],
  });
  let version = 0;
  return async (config) => {
    version += 1;
    const document = TextDocument.create(`memory://c${String(version)}.json`, 'json', 1, JSON.stringify(config));
    const diagnostics = await service.doValidation(document, service.parseJSONDocument(document));
    return diagnostics.map(({ message }) => (typeof message === 'string' ? message : message.value));
  };
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function timed(run: () => unknown): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

export async function schemaBenchmark(): Promise<SchemaFigures> {
  const hundred = pluginsJsonSchema(schemaRegistry(PluginRegistry, { plugins: 100, exclusive: 10, rules: 20 }), {
    config: true,
  });
  const thousand = pluginsJsonSchema(schemaRegistry(PluginRegistry, { plugins: 1000, exclusive: 100, rules: 200 }), {
    config: true,
  });
  const size = (schema: Schema) => Buffer.byteLength(JSON.stringify(schema, null, 2));
  const compileMs: number[] = [];
  const compileThousandMs: number[] = [];
  for (let run = 0; run < REPEATS; run += 1) {
    compileMs.push(await timed(() => ajvFor(hundred)));
    if (run < 2) compileThousandMs.push(await timed(() => ajvFor(thousand)));
  }
  const validate = ajvFor(hundred);
  const vscode = vscodeFor(hundred);
  await vscode({ plugins: ['plugin-0-ddp'] });
  const maxLength = (hundred.$defs as Record<string, { maxLength: number }>)['plugboard.text']?.maxLength ?? 0;
  let ajvWorstMs = 0;
  let vscodeWorstMs = 0;
  let worstText = '';
  const strings = hostileStrings(['plugin-0-ddp', 'old-plugin-0-ddp', 'plugin-9-lr'], maxLength);
  // An editor validates on every change: each regular expression is compiled (and tiered up by V8) once, first.
  for (const text of strings) {
    validate({ plugins: [text] });
    await vscode({ plugins: [text] });
  }
  for (const text of strings) {
    // Each the median of five, so that one pause of the machine is not taken for the string's cost.
    const ajvMs: number[] = [];
    const vscodeMs: number[] = [];
    for (let run = 0; run < 5; run += 1) {
      ajvMs.push(await timed(() => validate({ plugins: [text] })));
      vscodeMs.push(await timed(() => vscode({ plugins: [text] })));
    }
    ajvWorstMs = Math.max(ajvWorstMs, median(ajvMs));
    if (median(vscodeMs) > vscodeWorstMs) {
      vscodeWorstMs = median(vscodeMs);
      worstText = `${JSON.stringify(text.slice(0, 24))}... (${String(text.length)} characters)`;
    }
  }
  const rules = new PluginRegistry();
  class Plugin {}
  rules.register(Plugin, { alias: 'fsdp', kind: 'strategy', requires: ['bf16'] });
  rules.register(Plugin, { alias: 'bf16', kind: 'precision' });
  const messages = {
    'an unknown alias (`["plugin-0-dpp"]`)': await vscode({ plugins: ['plugin-0-dpp'] }),
    'two of an exclusive kind (`["plugin-0-ddp", "plugin-0-bf16"]`)': await vscode({
      plugins: ['plugin-0-ddp', 'plugin-0-bf16'],
    }),
    'a broken rule (`["fsdp"]`, which requires bf16)': await vscodeFor(pluginsJsonSchema(rules, { config: true }))({
      plugins: ['fsdp'],
    }),
  };
  return {
    sizeKb: size(hundred) / 1000,
    compactKb: Buffer.byteLength(JSON.stringify(hundred)) / 1000,
    growth: size(thousand) / size(hundred),
    compileMs,
    compileThousandMs,
    ajvWorstMs,
    vscodeWorstMs,
    worstText,
    messages,
  };
}

export function schemaSection(figures: SchemaFigures): string {
  const messageRows = Object.entries(figures.messages).map(([mistake, messages]) => [
    `VS Code messages for ${mistake}`,
    `${String(messages.length)}: ${messages.map((message) => `"${message.replaceAll('|', '\\|')}"`).join(' ')}`,
    verdict([messages.length], 1, '1, naming it'),
  ]);
  return [
    '### 7. JSON Schema of `plugins`: size, ajv compile, hostile strings, messages',
    '',
    'A generated registry: plugins in kinds of 10, 10 of them exclusive per 100 plugins, 20 rules per 100 plugins',
    '(`bench/lib/schema-registry.ts`). Sizes are of the file `plugboard schema` writes (`JSON.stringify(schema, null,',
    '2)`). The hostile strings are `hostileStrings` there (repeated aliases, separators, quotes and parentheses up to',
    '`maxLength`, 10,000); each is validated once first (V8 compiles each regular expression at its first uses, as',
    'an editor does once), then its median of five is taken, and the slowest string is shown.',
    '',
    table(
      ['figure', 'value, median (min..max)', 'goal'],
      [
        [
          'schema size, 100 plugins / 10 exclusive kinds / 20 rules (KB)',
          figures.sizeKb.toFixed(1),
          verdict([figures.sizeKb], 100, '≤ 100 KB'),
        ],
        ['the same without indentation (KB)', figures.compactKb.toFixed(1), ''],
        [
          'size growth, 100 → 1,000 plugins at the same density',
          `${figures.growth.toFixed(2)}x`,
          verdict([figures.growth], 11, '≤ 11x'),
        ],
        [
          'ajv 2020 compile, 100 plugins (ms, new Ajv each time)',
          spread(figures.compileMs),
          verdict(figures.compileMs, 100, '≤ 100 ms'),
        ],
        ['ajv 2020 compile, 1,000 plugins (ms)', spread(figures.compileThousandMs), ''],
        [
          'slowest validation of a hostile string, ajv (ms)',
          figures.ajvWorstMs.toFixed(1),
          verdict([figures.ajvWorstMs], 20, '≤ 20 ms'),
        ],
        [
          `slowest validation of a hostile string, vscode-json-languageservice (ms; ${figures.worstText})`,
          figures.vscodeWorstMs.toFixed(1),
          verdict([figures.vscodeWorstMs], 20, '≤ 20 ms'),
        ],
        ...messageRows,
      ],
    ),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  console.log(schemaSection(await schemaBenchmark()));
}
