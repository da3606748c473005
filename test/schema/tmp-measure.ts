import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import vscodeJson from 'vscode-json-languageservice';
const { getLanguageService, TextDocument } = vscodeJson;
const schema = JSON.parse(readFileSync('samples/trainer/plugins.schema.json', 'utf8'));
const ajv = new Ajv2020({ strict: false, allErrors: true });
const v = ajv.compile(schema);
const service = getLanguageService({});
service.configure({ validate: true, schemas: [{ uri: 'memory://s.json', fileMatch: ['*.json'], schema }] });
const aliases = ['ddp', 'csv_logger'];
const units = [...aliases.flatMap((a) => [`${a},`, `${a}, `, `${a}(`, `${a}()`, `${a}(a=1, b="x,)"),`]), ' ', ',', '(', '"', "'", '\\', 'a', '-_', '(a=(', '("\\'];
let n = 0;
for (const u of units) for (const tail of ['', '!']) {
  const s = u.repeat(Math.floor(9999 / u.length)) + tail;
  try { v({ plugins: [s] }); v({ plugins: s }); } catch (e) { console.log('AJV', JSON.stringify(u), tail, String(e)); }
  try { const d = TextDocument.create(`memory://c${n++}.json`, 'json', 1, JSON.stringify({ plugins: [s] })); await service.doValidation(d, service.parseJSONDocument(d)); } catch (e) { console.log('VSC', JSON.stringify(u), tail, String(e).slice(0, 200)); }
}
