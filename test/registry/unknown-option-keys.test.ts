import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import {
  InvalidPluginOptionsError,
  PluginRegistrationError,
  PluginRegistry,
  PluginResolver,
  createPluginContainer,
  parsePluginSelection,
  pluginsJsonSchema,
  type StandardSchemaV1,
} from 'plugboard';
import { thrown } from '../support/thrown.js';

class DdpStrategy {
  constructor(readonly options: unknown) {}
}
class FileLogger {
  constructor(readonly options: unknown) {}
}
class Callback {
  constructor(readonly options: unknown) {}
}

/** A Standard Schema without Standard JSON Schema that keeps `level` and drops every other key, as strip does. */
const stripping: StandardSchemaV1 = {
  '~standard': {
    version: 1,
    vendor: 'handmade',
    validate: (value) => ({ value: { level: (value as { level?: unknown }).level ?? 1 } }),
  },
};

function strategies() {
  const registry = new PluginRegistry();
  registry.register(DdpStrategy, { alias: 'ddp', kind: 'strategy', params: { workers: 2 } });
  registry.register(DdpStrategy, { alias: 'ddp_tuned', kind: 'strategy', params: { workers: 4, bucketMb: 50 } });
  registry.register(FileLogger, {
    alias: 'file',
    kind: 'logger',
    schema: z.object({ level: z.number().default(1), path: z.string().optional() }),
  });
  registry.register(FileLogger, { alias: 'handmade', kind: 'logger', schema: stripping });
  registry.register(FileLogger, {
    alias: 'loose',
    kind: 'logger',
    params: { level: 1 },
    schema: z.looseObject({ level: z.number() }),
  });
  registry.register(Callback, { alias: 'bare', kind: 'callback' });
  registry.register(Callback, { alias: 'open', kind: 'callback', allowUnknownOptions: true });
  return { registry, resolver: createPluginContainer({ registry }).get(PluginResolver) };
}

// issue 22: a typo in an option key is an error with a did-you-mean, never accepted silently.
describe('unknown option keys (issue 22)', () => {
  it("refuses docs/selection.md's ddp(worker=2), suggesting workers, when resolving and when reading text", () => {
    const { registry, resolver } = strategies();

    const resolved = thrown<InvalidPluginOptionsError>(() => resolver.resolve('ddp', { worker: 2 }));
    const parsed = thrown<InvalidPluginOptionsError>(() => parsePluginSelection('ddp(worker=2)', { registry }));

    const message =
      'Invalid options for plugin "ddp":\n  - worker: unknown option. Did you mean "workers"? Known options: workers, bucketMb.';
    expect(resolved).toBeInstanceOf(InvalidPluginOptionsError);
    expect(resolved.message).toBe(message);
    expect(parsed.message).toBe(message);
  });

  it("takes the keys of every variant of the class: ddp takes bucketMb, which only ddp_tuned's params name", () => {
    const { resolver } = strategies();

    expect((resolver.resolve('ddp', { bucketMb: 10 }) as DdpStrategy).options).toEqual({ workers: 2, bucketMb: 10 });
  });

  it('learns the keys of a variant registered later, and forgets them when it is disposed', () => {
    const { registry, resolver } = strategies();
    expect(() => resolver.resolve('ddp', { stage: 3 })).toThrow(InvalidPluginOptionsError);

    const handle = registry.register(DdpStrategy, { alias: 'ddp_staged', kind: 'strategy', params: { stage: 2 } });
    expect((resolver.resolve('ddp', { stage: 3 }) as DdpStrategy).options).toEqual({ workers: 2, stage: 3 });

    handle.dispose();
    expect(() => resolver.resolve('ddp', { stage: 3 })).toThrow('- stage: unknown option.');
  });

  it('refuses a key a zod object would strip silently (file(levl=3)), from its Standard JSON Schema', () => {
    const { registry, resolver } = strategies();

    const error = thrown<InvalidPluginOptionsError>(() => resolver.resolve('file', { levl: 3 }));

    expect(error.issues).toEqual([
      { path: ['levl'], message: 'unknown option. Did you mean "level"? Known options: level, path.' },
    ]);
    expect(() => parsePluginSelection('file(levl=3)', { registry })).toThrow('Did you mean "level"?');
    expect((resolver.resolve('file', { level: 3 }) as FileLogger).options).toEqual({ level: 3 });
  });

  it('refuses a key that a schema without JSON Schema drops from its output', () => {
    const { resolver } = strategies();

    const error = thrown<InvalidPluginOptionsError>(() => resolver.resolve('handmade', { levl: 3 }));

    expect(error.issues).toEqual([
      { path: ['levl'], message: 'unknown option (the schema drops it). Did you mean "level"? Known options: level.' },
    ]);
  });

  it('accepts any key where the schema declares open-ended keys (a loose object)', () => {
    const { resolver } = strategies();

    expect((resolver.resolve('loose', { level: 1, extra: true }) as FileLogger).options).toEqual({
      level: 1,
      extra: true,
    });
  });

  it('refuses every key of a plugin that declares none, saying so, unless it allows unknown options', () => {
    const { resolver } = strategies();

    const error = thrown<InvalidPluginOptionsError>(() => resolver.resolve('bare', { anything: 1 }));

    expect(error.message).toBe(
      'Invalid options for plugin "bare":\n  - anything: unknown option: the plugin declares no options (a ' +
        'registration declares them with params, optionKeys or a schema, or takes any key with allowUnknownOptions: true).',
    );
    expect((resolver.resolve('open', { anything: 1 }) as Callback).options).toEqual({ anything: 1 });
  });

  it('checks allowUnknownOptions is a boolean, and shows it on the entry', () => {
    const { registry } = strategies();

    expect(() => registry.register(Callback, { alias: 'x', allowUnknownOptions: 'yes' as never })).toThrow(
      new PluginRegistrationError('Plugin "x": allowUnknownOptions must be true or false, got "yes".'),
    );
    expect([registry.get('open').allowUnknownOptions, registry.get('bare').allowUnknownOptions]).toEqual([true, false]);
  });

  it('agrees with the generated JSON Schema: no other property where the keys are known', () => {
    const { registry } = strategies();

    const defs = pluginsJsonSchema(registry).$defs as Record<string, Record<string, unknown>>;

    expect(defs['options.ddp']).toMatchObject({ additionalProperties: false });
    expect(Object.keys(defs['options.ddp']?.properties as object)).toEqual(['workers', 'bucketMb']);
    expect(defs['options.file']).toMatchObject({ additionalProperties: false });
    expect(defs['options.bare']).toMatchObject({ properties: {}, additionalProperties: false });
    expect(defs['options.open']?.additionalProperties).toBeUndefined();
    expect(defs['options.loose']?.additionalProperties).toEqual({});
  });
});
