import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { trainerJsonSchema } from '../cli/trainer-json-schema.js';
import '../plugins/index.js';
import { trainerRegistry } from '../registry.js';

// Issue 16: the trainer's config file names its schema in "$schema"; the checked-in file must be what the
// trainer's registry generates now, as `plugboard manifest --check` checks a manifest. Issue 26: one schema for
// the whole config file, the run settings and plugboard's plugins schema merged.
const file = new URL('../trainer.schema.json', import.meta.url);
const generated = `${JSON.stringify(trainerJsonSchema(trainerRegistry), null, 2)}\n`;

describe('samples/trainer/trainer.schema.json', () => {
  it('is what the trainer registry generates', () => {
    const checkedIn = readFileSync(file, 'utf8');

    if (checkedIn !== generated) {
      throw new Error(
        'samples/trainer/trainer.schema.json is stale: the trainer plugins or config changed since it was written. ' +
          'Run "npm run schema:trainer" to write it again, and commit it.',
      );
    }
  });

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

  it('accepts a trainer config and refuses a mistyped alias, option and value', () => {
    const accepts = (plugins: unknown): boolean => validate({ $schema: './trainer.schema.json', plugins });

    expect(accepts(['ddp(workers=4)', { alias: 'bf16-mixed', options: { lossScaling: false } }, 'binary'])).toBe(true);
    expect(accepts('deepspeed_stage_3_offload, 16-mixed')).toBe(true);
    expect(accepts(['deepsped'])).toBe(false);
    expect(accepts([{ alias: 'ddp', options: { wokers: 4 } }])).toBe(false);
    expect(accepts([{ alias: 'ddp', options: { workers: 'four' } }])).toBe(false);
    expect(accepts(['ddp', 'deepspeed'])).toBe(false);
  });

  it('checks every run setting, and strategy and precision by kind', () => {
    const whole = {
      plugins: ['csv_logger'],
      strategy: 'deepspeed_stage_2_offload',
      precision: 'auto',
      epochs: 4,
      seed: 1,
      modelSize: '64x64',
      batchSize: 16,
      learningRate: 0.01,
      checkpointDir: 'ckpt',
      resume: 'last',
      report: 'out',
    };

    expect(validate(whole)).toBe(true);
    expect(validate({ strategy: 'ddp(workers=4)' })).toBe(true);
    expect(validate({ strategy: 'bf16-mixed' })).toBe(false);
    expect(validate({ precision: 'ddp' })).toBe(false);
    expect(validate({ epoch: 4 })).toBe(false);
    expect(validate({ epochs: 0 })).toBe(false);
    expect(validate({ modelSize: 'huge' })).toBe(false);
  });

  it('accepts the sample config file', () => {
    expect(validate(JSON.parse(readFileSync(new URL('../trainer.json', import.meta.url), 'utf8')))).toBe(true);
  });
});
