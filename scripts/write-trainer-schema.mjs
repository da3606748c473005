// Writes samples/trainer/plugins.schema.json, the JSON Schema of the trainer's config file, from the plugins its
// registry holds: `npm run schema:trainer` (runs under tsx, which reads the TypeScript sample). The sample's
// plugins-schema test fails when the checked-in file differs from what this writes.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import '../samples/trainer/plugins/index.ts';
import { trainerRegistry } from '../samples/trainer/registry.ts';
import { pluginsJsonSchema } from '../src/index.ts';

const file = fileURLToPath(new URL('../samples/trainer/plugins.schema.json', import.meta.url));
const schema = pluginsJsonSchema(trainerRegistry, { config: true });
writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
console.log(`Wrote samples/trainer/plugins.schema.json: ${String(trainerRegistry.list().length)} plugins.`);
