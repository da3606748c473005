// Writes samples/trainer/trainer.schema.json, the JSON Schema of the trainer's whole config file (the run
// settings and plugboard's schema of the plugins its registry holds): `npm run schema:trainer` (runs under tsx,
// which reads the TypeScript sample). The sample's trainer-schema test fails when the checked-in file differs
// from what this writes.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import '../samples/trainer/plugins/index.ts';
import { trainerJsonSchema } from '../samples/trainer/cli/trainer-json-schema.ts';
import { trainerRegistry } from '../samples/trainer/registry.ts';

const file = fileURLToPath(new URL('../samples/trainer/trainer.schema.json', import.meta.url));
writeFileSync(file, `${JSON.stringify(trainerJsonSchema(trainerRegistry), null, 2)}\n`);
console.log(`Wrote samples/trainer/trainer.schema.json: ${String(trainerRegistry.list().length)} plugins.`);
