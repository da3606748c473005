import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { z } from 'zod';
import { PluginRegistry, type StandardSchemaV1 } from 'plugboard';
import { judges } from './agreement.js';

// Issue 16: over generated config files, valid and broken, the JSON Schema and plugboard's own validation
// (readPluginsOption, then resolveAll) agree on accept or refuse. Left out, as docs/json-schema.md lists: options
// written inside a text (`ddp(workers=4)`), which the schema does not check, and the types of a variant's params
// for a plugin without a schema, which the schema enforces and plugboard does not.

class Plugin {}
const handmade: StandardSchemaV1 = {
  '~standard': { version: 1, vendor: 'handmade', validate: (value) => ({ value }) },
};

const registry = new PluginRegistry();
registry.defineKind('strategy', { exclusive: true });
registry.defineKind('precision', { exclusive: true });
const ddpOptions = z.object({ workers: z.number().int().min(1).max(8), sync: z.boolean().default(true) });
const ddp = { kind: 'strategy', schema: ddpOptions, optionKeys: ['workers', 'sync'] };
registry.register(Plugin, { alias: 'ddp', ...ddp, params: { workers: 2 } });
registry.register(Plugin, { alias: 'ddp_4', ...ddp, params: { workers: 4, sync: false } });
registry.register(Plugin, { alias: 'single_device', kind: 'strategy' });
registry.register(Plugin, { alias: 'bf16-mixed', kind: 'precision', optionKeys: ['compute', 'scale'] });
registry.register(Plugin, { alias: '32-true', kind: 'precision' });
registry.register(Plugin, { alias: 'csv', kind: 'logger', scope: 'singleton' });
registry.register(Plugin, { alias: 'custom', kind: 'logger', schema: handmade });
registry.deprecate('ddp_spawn', 'ddp');
const { schemaAccepts, plugboardAccepts } = judges(registry);

const alias = fc.constantFrom(
  'ddp',
  'DDP',
  'ddp-4',
  'ddp_spawn',
  'single_device',
  'Single-Device',
  'bf16-mixed',
  'BF16_MIXED',
  '32-true',
  'csv',
  'custom',
  'ddpp',
  'deepspeed',
  '',
);
const value = fc.oneof(
  fc.integer({ min: -1, max: 10 }),
  fc.constantFrom(1.5, 'x', '4', true, false, null, [], {}, [1], { nested: 1 }),
);
const key = fc.constantFrom('workers', 'sync', 'compute', 'scale', 'wokers', 'other', '__proto__', 'constructor');
/** Own keys, including `__proto__` as JSON.parse makes it. */
const options = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.tuple(key, value), { maxLength: 3 }).map((pairs) => Object.fromEntries(pairs)) },
  { weight: 1, arbitrary: fc.constantFrom(null, 3, 'x', []) },
);
const choice = fc.oneof(
  { weight: 2, arbitrary: alias.map((name) => ({ alias: name })) },
  { weight: 4, arbitrary: fc.tuple(alias, options).map(([name, opts]) => ({ alias: name, options: opts })) },
  { weight: 1, arbitrary: fc.constantFrom({ alias: 'ddp', extra: 1 }, { alias: 3 }, {}) },
);
const text = fc
  .array(fc.tuple(alias, fc.constantFrom('', '()', ' ( )')), { maxLength: 3 })
  .chain((items) =>
    fc.constantFrom(', ', ',', ' , ').map((separator) => items.map(([name, parens]) => name + parens).join(separator)),
  );
const item = fc.oneof(
  { weight: 3, arbitrary: text },
  { weight: 4, arbitrary: choice },
  { weight: 1, arbitrary: value },
);
const plugins = fc.oneof(
  { weight: 4, arbitrary: fc.array(item, { maxLength: 4 }) },
  { weight: 1, arbitrary: text },
  { weight: 1, arbitrary: choice },
  { weight: 1, arbitrary: value },
);

describe('pluginsJsonSchema agreement', () => {
  it('accepts exactly the config files plugboard accepts', () => {
    const outcomes = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(plugins, (selection) => {
        const config = { plugins: selection };
        const accepted = plugboardAccepts(config);
        outcomes[accepted ? 'accepted' : 'refused'] += 1;
        expect({ config, schema: schemaAccepts(config) }).toEqual({ config, schema: accepted });
      }),
      { numRuns: Number(process.env.AGREEMENT_RUNS ?? 400) },
    );
    // Both answers are common, so the agreement says something about each.
    expect(Math.min(outcomes.accepted, outcomes.refused)).toBeGreaterThan(40);
  });
});
