import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { pluginsJsonSchema } from 'plugboard';
import '../plugins/index.js';
import { trainerRegistry } from '../registry.js';

// Issue 16: the trainer's config file names plugins.schema.json in "$schema"; the checked-in file must be what
// the trainer's registry generates now, as `plugboard manifest --check` checks a manifest.
const file = new URL('../plugins.schema.json', import.meta.url);
const generated = `${JSON.stringify(pluginsJsonSchema(trainerRegistry, { config: true }), null, 2)}\n`;

describe('samples/trainer/plugins.schema.json', () => {
  it('is what the trainer registry generates', () => {
    const checkedIn = readFileSync(file, 'utf8');

    if (checkedIn !== generated) {
      throw new Error(
        'samples/trainer/plugins.schema.json is stale: the trainer plugins changed since it was written. ' +
          'Run "npm run schema:trainer" to write it again, and commit it.',
      );
    }
  });

  it('accepts a trainer config and refuses a mistyped alias, option and value', () => {
    const ajv = new Ajv2020({ strict: true });
    // The keywords the schema holds for editors (VS Code reads them): annotations to any other validator.
    ajv.addVocabulary([
      'errorMessage',
      'deprecationMessage',
      'enumDescriptions',
      'markdownDescription',
      'defaultSnippets',
    ]);
    const validate = ajv.compile(JSON.parse(readFileSync(file, 'utf8')) as object);
    const accepts = (plugins: unknown): boolean => validate({ $schema: './plugins.schema.json', plugins });

    expect(accepts(['ddp(workers=4)', { alias: 'bf16-mixed', options: { lossScaling: false } }, 'binary'])).toBe(true);
    expect(accepts('deepspeed_stage_3_offload, 16-mixed')).toBe(true);
    expect(accepts(['deepsped'])).toBe(false);
    expect(accepts([{ alias: 'ddp', options: { wokers: 4 } }])).toBe(false);
    expect(accepts([{ alias: 'ddp', options: { workers: 'four' } }])).toBe(false);
    expect(accepts(['ddp', 'deepspeed'])).toBe(false);
  });
});
