import { describe, expect, it } from '@jest/globals';
import { runInNewContext } from 'node:vm';
import { InvalidPluginOptionsError, PluginRegistry, PluginResolver, createPluginContainer } from 'plugboard';

class Strategy {
  constructor(readonly options: Record<string, unknown>) {}
}

function resolver() {
  const registry = new PluginRegistry();
  const params = { workers: 2, bucketMb: 25, nested: { depth: 1, keep: true } };
  // Open-ended, so that keys the params lack can be merged in (issue 22 refuses them by default).
  registry.register(Strategy, { alias: 'ddp', kind: 'strategy', params, allowUnknownOptions: true });
  registry.register(Strategy, { alias: 'bare', kind: 'strategy' });
  registry.register(Strategy, { alias: 'keyed', kind: 'strategy', params: { workers: 2 }, optionKeys: ['workers'] });
  return createPluginContainer({ registry }).get(PluginResolver);
}

// Issue 17: flat overrides are merged in one pass; what they give must not differ from the general merge.
describe(`${PluginResolver.name}.resolve with flat overrides (issue 17)`, () => {
  it('assigns scalars over a fresh copy of the params, leaving the params and the overrides untouched', () => {
    const plugins = resolver();
    const overrides = { workers: 8, extra: 'x' };
    const first = plugins.resolve('ddp', overrides) as Strategy;
    expect(first.options).toEqual({ workers: 8, bucketMb: 25, nested: { depth: 1, keep: true }, extra: 'x' });
    const second = plugins.resolve('ddp') as Strategy;
    expect(second.options).toEqual({ workers: 2, bucketMb: 25, nested: { depth: 1, keep: true } });
    expect(first.options.nested).not.toBe(second.options.nested);
    expect(overrides).toEqual({ workers: 8, extra: 'x' });
  });

  it('takes own keys only, also while Object.prototype has an enumerable key (issue 28 skips the check otherwise)', () => {
    const plugins = resolver();
    Object.defineProperty(Object.prototype, 'workers', {
      value: 99,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    try {
      const options = (plugins.resolve('ddp', { bucketMb: 10 }) as Strategy).options;
      expect(Object.hasOwn(options, 'workers') && options.workers).toBe(2);
      expect(options.bucketMb).toBe(10);
    } finally {
      delete (Object.prototype as { workers?: unknown }).workers;
    }
    expect((plugins.resolve('ddp', { bucketMb: 11 }) as Strategy).options).toEqual({
      workers: 2,
      bucketMb: 11,
      nested: { depth: 1, keep: true },
    });
  });

  it('copies and merges options while Object.prototype holds one of their keys read-only, as a frozen one does', () => {
    const plugins = resolver();
    // Assigning `workers` to a plain object throws while the prototype has it read-only (the "override mistake").
    Object.defineProperty(Object.prototype, 'workers', { value: 99, writable: false, configurable: true });
    try {
      const cases: [Record<string, unknown> | undefined, number][] = [
        [undefined, 2],
        [{ bucketMb: 10 }, 2],
        [{ workers: 3, nested: { depth: 2 } }, 3],
      ];
      for (const [overrides, workers] of cases) {
        const options = (plugins.resolve('ddp', overrides) as Strategy).options;
        expect(Object.hasOwn(options, 'workers') && options.workers).toBe(workers);
      }
    } finally {
      delete (Object.prototype as { workers?: unknown }).workers;
    }
  });

  it('keeps the value an undefined override would replace, and adds the key when the params lack it', () => {
    const options = (resolver().resolve('ddp', { workers: undefined, absent: undefined }) as Strategy).options;
    expect(options.workers).toBe(2);
    expect(Object.hasOwn(options, 'absent')).toBe(true);
    expect(options.absent).toBeUndefined();
  });

  it('keeps a class instance by reference and still merges a nested object key by key', () => {
    const when = new Date(0);
    const options = (resolver().resolve('ddp', { when, nested: { depth: 2 } }) as Strategy).options;
    expect(options.when).toBe(when);
    expect(options.nested).toEqual({ depth: 2, keep: true });
  });

  it('refuses a prototype key even with a scalar value', () => {
    expect(() => resolver().resolve('ddp', { constructor: 1 })).toThrow(InvalidPluginOptionsError);
    expect(() => resolver().resolve('ddp', JSON.parse('{"__proto__": 1}') as never)).toThrow(
      'the key "__proto__" is not allowed in plugin options',
    );
  });

  it('checks declared option keys, and merges over params that are not an object', () => {
    expect(() => resolver().resolve('keyed', { wrokers: 3 })).toThrow('Did you mean "workers"?');
    expect((resolver().resolve('keyed', { workers: 3 }) as Strategy).options).toEqual({ workers: 3 });
    expect((resolver().resolve('bare', { workers: 3 }) as Strategy).options).toEqual({ workers: 3 });
  });

  // Issue 28: one look at the overrides' prototype decides both the plain-object test and the own-key check.
  it('merges overrides without a prototype, and overrides made in another realm, as plain objects', () => {
    const plugins = resolver();
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { workers: 4, extra: 'y' });
    expect((plugins.resolve('ddp', bare) as Strategy).options).toEqual({
      workers: 4,
      bucketMb: 25,
      nested: { depth: 1, keep: true },
      extra: 'y',
    });
    const foreign = runInNewContext('({ workers: 5 })') as Record<string, unknown>;
    expect((plugins.resolve('ddp', foreign) as Strategy).options).toEqual({
      workers: 5,
      bucketMb: 25,
      nested: { depth: 1, keep: true },
    });
    expect(() => plugins.resolve('keyed', Object.assign(Object.create(null) as object, { worker: 1 }))).toThrow(
      InvalidPluginOptionsError,
    );
  });

  it('refuses overrides that are not a plain object, as the general path does', () => {
    const plugins = resolver();
    class Options {
      workers = 3;
    }
    expect(() => plugins.resolve('ddp', new Options() as unknown as Record<string, unknown>)).toThrow(
      InvalidPluginOptionsError,
    );
    expect(() => plugins.resolve('ddp', 'workers=3' as unknown as Record<string, unknown>)).toThrow(
      InvalidPluginOptionsError,
    );
  });
});
