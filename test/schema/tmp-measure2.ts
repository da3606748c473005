import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import vscodeJson from 'vscode-json-languageservice';
const { getLanguageService, TextDocument } = vscodeJson;
const schema = JSON.parse(readFileSync('samples/trainer/plugins.schema.json', 'utf8'));
const ajv = new Ajv2020({ strict: false, allErrors: true });
const v = ajv.compile(schema);
const service = getLanguageService({});
service.configure({ validate: true, schemas: [{ uri: 'memory://s.json', fileMatch: ['*.json'], schema }] });
function hostileStrings(aliases: readonly string[], maxLength: number): string[] {
  const units = [
    ...aliases.flatMap((alias) => [`${alias},`, `${alias}, `, `${alias.toUpperCase()} ,`, `${alias}(`, `${alias}()`]),
    ...aliases.map((alias) => `${alias}(a=1, b="x,)"),`),
    ' ', ',', '(', '"', "'", '\\', 'a', '-_', '(a=(', '("\\',
  ];
  const tails = ['', '!', ',', '(', '"', ' x'];
  const strings: string[] = [];
  for (const unit of units) for (const tail of tails) {
      const body = unit.repeat(Math.floor((maxLength - tail.length) / unit.length));
      strings.push(body + tail, aliases[0] + ' ' + body.slice(0, maxLength - aliases[0]!.length - 1 - tail.length) + tail);
  }
  return strings;
}
let n = 0;
for (const s of hostileStrings(['ddp', 'ddp_spawn', 'csv_logger', 'deepspeed_stage_2', 'bf16-mixed'], 10000)) {
  const t = performance.now();
  try { v({ plugins: [s] }); } catch (e) { console.log('AJV1', s.slice(0, 30), String(e)); }
  try { v({ plugins: s }); } catch (e) { console.log('AJV2', s.slice(0, 30), String(e)); }
  try { const d = TextDocument.create(`memory://c${n++}.json`, 'json', 1, JSON.stringify({ plugins: [s] })); await service.doValidation(d, service.parseJSONDocument(d)); } catch (e) { console.log('VSC', s.slice(0, 30), String(e).slice(0, 200)); }
  const ms = performance.now() - t; if (ms > 50) console.log('slow', ms.toFixed(0), JSON.stringify(s.slice(0, 30)));
}
