import { describe, expect, it } from '@jest/globals';
import * as v from 'valibot';
import { z } from 'zod';
import {
  InvalidPluginOptionsError,
  PluginRegistrationError,
  PluginRegistry,
  PluginResolver,
  createPluginContainer,
} from 'plugboard';
import { thrown } from '../support/thrown.js';

class DeepSpeedStrategy {
  constructor(readonly options: unknown) {}
}

const deepSpeedOptions = z
  .object({
    stage: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    offloadOptimizer: z.boolean().default(false),
    bucketSize: z.number().int().positive().optional(),
  })
  .strict();

describe('validated plugin options', () => {
  it('checks variant params against a Standard Schema when registering, listing every problem', () => {
    const registry = new PluginRegistry();

    const error = thrown<InvalidPluginOptionsError>(() =>
      registry.register(DeepSpeedStrategy, {
        alias: 'deepspeed',
        schema: deepSpeedOptions,
        params: { stage: 4, offloadOptimizer: 'yes', bucketSize: -1 } as never,
      }),
    );

    expect(error).toBeInstanceOf(InvalidPluginOptionsError);
    expect(error.code).toBe('PLUGIN_INVALID_OPTIONS');
    expect(error.issues.map((issue) => issue.path)).toEqual([['stage'], ['offloadOptimizer'], ['bucketSize']]);
    expect(error.message).toMatch(
      /^Invalid options for plugin "deepspeed":\n {2}- stage: .+\n {2}- offloadOptimizer: .+\n {2}- bucketSize: .+$/,
    );
    expect(registry.has('deepspeed')).toBe(false);
  });

  it('passes the schema output (with defaults) to the constructor, and checks overrides when resolving', () => {
    const registry = new PluginRegistry();
    registry.register(DeepSpeedStrategy, { alias: 'deepspeed', schema: deepSpeedOptions, params: { stage: 2 } });
    const resolver = createPluginContainer({ registry }).get(PluginResolver);

    expect(resolver.resolve('deepspeed')).toEqual(new DeepSpeedStrategy({ stage: 2, offloadOptimizer: false }));
    expect(resolver.resolve('deepspeed', { stage: 3 })).toEqual(
      new DeepSpeedStrategy({ stage: 3, offloadOptimizer: false }),
    );
    const error = thrown<InvalidPluginOptionsError>(() => resolver.resolve('deepspeed', { stage: 5, typo: true }));
    // The key the schema would strip is refused too (issue 22), before the schema's own issues.
    expect(error.issues.map((issue) => issue.path)).toEqual([['typo'], ['stage'], []]);
  });

  it('accepts any Standard Schema implementation, such as valibot', () => {
    const registry = new PluginRegistry();
    const schema = v.object({ workers: v.pipe(v.number(), v.integer(), v.minValue(1)) });
    registry.register(DeepSpeedStrategy, { alias: 'ddp', schema, params: { workers: 2 } });
    const resolver = createPluginContainer({ registry }).get(PluginResolver);

    expect(thrown<InvalidPluginOptionsError>(() => resolver.resolve('ddp', { workers: 0 })).issues[0]?.path).toEqual([
      'workers',
    ]);
    expect(resolver.resolve('ddp', { workers: 4 })).toEqual(new DeepSpeedStrategy({ workers: 4 }));
  });

  it('refuses unknown keys when the plugin declares its option keys, without a schema', () => {
    const registry = new PluginRegistry();
    registry.register(DeepSpeedStrategy, { alias: 'ddp', optionKeys: ['workers'], params: { workers: 2 } });
    const resolver = createPluginContainer({ registry }).get(PluginResolver);

    expect(() => resolver.resolve('ddp', { worker: 4 })).toThrow(
      'Invalid options for plugin "ddp":\n  - worker: unknown option. Did you mean "workers"? Known options: workers.',
    );
    expect(() => registry.register(DeepSpeedStrategy, { alias: 'x', optionKeys: ['a'], params: { b: 1 } })).toThrow(
      InvalidPluginOptionsError,
    );
  });

  it('refuses a schema that validates asynchronously', () => {
    const registry = new PluginRegistry();
    const schema = z.object({ a: z.number() }).refine(async () => Promise.resolve(true));

    expect(() => registry.register(DeepSpeedStrategy, { alias: 'async', schema, params: { a: 1 } })).toThrow(
      'the schema validates asynchronously; plugboard builds plugins synchronously',
    );
  });

  it('refuses a schema that is not a Standard Schema, and option keys that are not strings', () => {
    const registry = new PluginRegistry();

    expect(() => registry.register(DeepSpeedStrategy, { alias: 'x', schema: {} as never })).toThrow(
      PluginRegistrationError,
    );
    expect(() => registry.register(DeepSpeedStrategy, { alias: 'x', optionKeys: [1] as never })).toThrow(
      'optionKeys must be an array of strings',
    );
  });
});
