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
  readonly compileCpuMs: number[];
  readonly distinctMs: number[];
  readonly distinctCpuMs: number[];
  readonly floorMs: number[];
  readonly floorCpuMs: number[];
  readonly withoutRulesMs: number[];
  readonly withoutRulesCpuMs: number[];
  readonly withoutDescriptionsMs: number[];
  readonly withoutDescriptionsCpuMs: number[];
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

/** How long V8 may take after a compile to finish the optimizing it started on its other threads. */
const SETTLE_MS = Number(process.env.BENCH_SCHEMA_SETTLE_MS ?? 150);

/**
 * The wall time of `run` and the CPU time of this process over `run` and a pause after it. V8 optimizes hot
 * functions on a thread of its own while the main thread goes on: the process's CPU time counts that work
 * whenever it happens, so without the pause a compile's optimizing was counted in the next compile's figure (and
 * a small compile after a large one took the large one's). The pause lets it finish inside the compile's own
 * figure; nothing else runs in it.
 */
async function timedCpu(run: () => unknown): Promise<[number, number]> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  run();
  const wall = performance.now() - start;
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const { user, system } = process.cpuUsage(cpu);
  return [wall, (user + system) / 1000];
}

/**
 * The least a schema can be that still tells the plugins' options apart: an object whose `alias` (as registered)
 * picks its plugin's options definition, taken from `schema`, and nothing else. What ajv takes to compile it is
 * the floor of what a schema of those plugins can take.
 */
function optionsFloor(schema: Schema): Schema {
  const defs = schema.$defs as Record<string, Schema>;
  const names = Object.keys(defs).filter((name) => /^options\.[^.]+$/.test(name) && !('$ref' in (defs[name] ?? {})));
  return {
    type: 'object',
    required: ['alias'],
    properties: { alias: { type: 'string' } },
    allOf: names.map((name) => ({
      if: { properties: { alias: { const: name.slice('options.'.length) } } },
      then: { properties: { options: { $ref: `#/$defs/${name}` } } },
    })),
    $defs: Object.fromEntries(names.map((name) => [name, defs[name]])),
  };
}

/** `schema` without its rules (requires, incompatibleWith): what they add to a compile. */
function withoutRules(schema: Schema): Schema {
  const copy = structuredClone(schema);
  (copy.$defs as Record<string, Schema>)['plugboard.rules'] = {};
  return copy;
}

/**
 * `schema` without the conditions that only name each plugin in the description of its options (an editor's
 * hover over `options`), where plugins share one options schema: what they add to a compile.
 */
function withoutOptionDescriptions(schema: Schema): Schema {
  const copy = structuredClone(schema);
  const choice = (copy.$defs as Record<string, Schema>)['plugboard.choice'] as { allOf: Schema[] };
  choice.allOf = choice.allOf.filter((entry) => {
    const options = ((entry.then as Schema | undefined)?.properties as Schema | undefined)?.options as
      Schema | undefined;
    return !(options && Object.keys(options).length === 1 && 'description' in options);
  });
  return copy;
}

export async function schemaBenchmark(): Promise<SchemaFigures> {
  const hundred = pluginsJsonSchema(schemaRegistry(PluginRegistry, { plugins: 100, exclusive: 10, rules: 20 }), {
    config: true,
  });
  const thousand = pluginsJsonSchema(schemaRegistry(PluginRegistry, { plugins: 1000, exclusive: 100, rules: 200 }), {
    config: true,
  });
  const distinct = pluginsJsonSchema(
    schemaRegistry(PluginRegistry, { plugins: 100, exclusive: 10, rules: 20, distinctOptions: true }),
    { config: true },
  );
  const floor = optionsFloor(distinct);
  const noRules = withoutRules(hundred);
  const noDescriptions = withoutOptionDescriptions(hundred);
  const size = (schema: Schema) => Buffer.byteLength(JSON.stringify(schema, null, 2));
  const compileMs: number[] = [];
  const compileCpuMs: number[] = [];
  const distinctMs: number[] = [];
  const distinctCpuMs: number[] = [];
  const floorMs: number[] = [];
  const floorCpuMs: number[] = [];
  const withoutRulesMs: number[] = [];
  const withoutRulesCpuMs: number[] = [];
  const withoutDescriptionsMs: number[] = [];
  const withoutDescriptionsCpuMs: number[] = [];
  const compileThousandMs: number[] = [];
  // Interleaved, so that a busy spell of the machine weighs on the three alike and their ratios hold.
  for (let run = 0; run < REPEATS * 3; run += 1) {
    for (const [schema, wall, cpu] of [
      [hundred, compileMs, compileCpuMs],
      [distinct, distinctMs, distinctCpuMs],
      [floor, floorMs, floorCpuMs],
      [noRules, withoutRulesMs, withoutRulesCpuMs],
      [noDescriptions, withoutDescriptionsMs, withoutDescriptionsCpuMs],
    ] as const) {
      // A copy of its own, made before the timing: ajv keeps what it compiled by the schema object.
      const copy = structuredClone(schema);
      const [wallMs, cpuMs] = await timedCpu(() => ajvFor(copy));
      wall.push(wallMs);
      cpu.push(cpuMs);
    }
    if (run < 2) compileThousandMs.push((await timedCpu(() => ajvFor(thousand)))[0]);
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
    compileCpuMs,
    distinctMs,
    distinctCpuMs,
    floorMs,
    floorCpuMs,
    withoutRulesMs,
    withoutRulesCpuMs,
    withoutDescriptionsMs,
    withoutDescriptionsCpuMs,
    compileThousandMs,
    ajvWorstMs,
    vscodeWorstMs,
    worstText,
    messages,
  };
}

/** The 100-plugin compile's median wall and CPU times less those of a compile without part of the schema. */
function differences(figures: SchemaFigures, wall: readonly number[], cpu: readonly number[]): string {
  const wallMs = median(figures.compileMs) - median(wall);
  const cpuMs = median(figures.compileCpuMs) - median(cpu);
  return `${wallMs.toFixed(0)}; ${cpuMs.toFixed(0)}`;
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
    '2)`) and of the same JSON without indentation, which the size goal measures: what an editor or validator',
    'reads and compiles (the indentation is a third of the file and is there for people diffing it). Compiles are',
    "interleaved in one process (the benchmark registry, the same with each plugin's options its own, the floor:",
    'a schema of only those 100 options schemas picked by `alias`, and the benchmark registry without its rules',
    "and without the conditions that name each plugin in its options' description), with wall and process CPU",
    'time. V8 optimizes on a thread of its own while a compile goes on, so the CPU time is taken over the compile',
    "and a pause of 150 ms after it, in which that work ends (before, it fell into the next compile's figure); on",
    'a busy machine the CPU time and the ratio to the floor are what hold. The hostile strings are `hostileStrings`',
    'there (repeated aliases, separators, quotes and parentheses up to `maxLength`, 10,000); each is validated once',
    'first (V8 compiles each regular expression at its first uses, as an editor does once), then its median of five',
    'is taken, and the slowest string is shown.',
    '',
    table(
      ['figure', 'value, median (min..max)', 'goal'],
      [
        ['schema size, 100 plugins / 10 exclusive kinds / 20 rules, as written (KB)', figures.sizeKb.toFixed(1), ''],
        [
          'the same without indentation: what a client parses (KB)',
          figures.compactKb.toFixed(1),
          verdict([figures.compactKb], 100, '≤ 100 KB'),
        ],
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
        [
          'the same, CPU time of the process (ms)',
          spread(figures.compileCpuMs),
          verdict(figures.compileCpuMs, 100, '≤ 100 ms'),
        ],
        [
          'of which, its 20 rules: the same compile less the same without them (ms; CPU ms, medians)',
          differences(figures, figures.withoutRulesMs, figures.withoutRulesCpuMs),
          '',
        ],
        [
          "of which, the conditions naming each plugin in its options' description (a hover over `options`; the 100 " +
            'plugins share one options schema): the same compile less the same without them (ms; CPU ms, medians)',
          differences(figures, figures.withoutDescriptionsMs, figures.withoutDescriptionsCpuMs),
          '',
        ],
        [
          'ajv 2020 compile, 100 plugins whose options all differ (ms; CPU ms)',
          `${spread(figures.distinctMs)}; ${spread(figures.distinctCpuMs)}`,
          '',
        ],
        [
          'the floor: only the alias picking one of those 100 options schemas (ms; CPU ms)',
          `${spread(figures.floorMs)}; ${spread(figures.floorCpuMs)}`,
          '',
        ],
        [
          'compile of 100 plugins whose options all differ / its floor (median CPU time)',
          `${(median(figures.distinctCpuMs) / median(figures.floorCpuMs)).toFixed(2)}x`,
          verdict([median(figures.distinctCpuMs) / median(figures.floorCpuMs)], 2, '≤ 2x'),
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
