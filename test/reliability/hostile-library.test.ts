import 'reflect-metadata';
import { describe, expect, it, jest } from '@jest/globals';
import {
  InvalidPluginOptionsError,
  PluginCreationError,
  PluginRegistry,
  PluginResolver,
  createPluginContainer,
  formatPluginSelection,
  parsePluginSelection,
  pluginToken,
  type StandardSchemaV1,
} from 'plugboard';
import { expectNoPollution, expectPluginError, thrown } from './support.js';

class DdpStrategy {
  constructor(readonly options: unknown) {}
}

function setup() {
  const registry = new PluginRegistry();
  registry.register(DdpStrategy, { alias: 'ddp', kind: 'strategy', params: { workers: 2 } });
  const container = createPluginContainer({ registry });
  return { registry, container, resolver: container.get(PluginResolver) };
}

function schema(validate: (value: unknown) => unknown): StandardSchemaV1 {
  return { '~standard': { version: 1, vendor: 'test', validate: validate as StandardSchemaV1.Props['validate'] } };
}

describe('issue 12: schemas that are asynchronous or hostile', () => {
  it('refuses an asynchronous schema with a typed error, leaves no unhandled rejection, and keeps its issues', async () => {
    const { registry, resolver } = setup();
    let fail = false;
    registry.register(DdpStrategy, {
      alias: 'zod_like',
      schema: schema((value) => (fail ? Promise.resolve({ issues: [{ message: 'transform threw' }] }) : { value })),
    });
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown): void => void rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    fail = true;

    const error = thrown<InvalidPluginOptionsError>(() => resolver.resolve('zod_like', {}));
    expectPluginError(error, 'PLUGIN_INVALID_OPTIONS');
    expect(error.message).toContain('the schema validates asynchronously');
    await new Promise((resolve) => setImmediate(resolve));
    process.off('unhandledRejection', onRejection);

    expect(rejections).toEqual([]);
    expect(error.issues.map((issue) => issue.message)).toContain('transform threw');
  });

  it.each([
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- a schema may throw anything
    ['throws null', () => { throw null; }], // prettier-ignore
    ['returns null', () => null],
    ['returns { issues: 5 }', () => ({ issues: 5 })],
    ['returns a path with null in it', () => ({ issues: [{ message: 'bad', path: [null, { key: null }] }] })],
    ['returns a rejected Promise', () => Promise.reject(new Error('async failure'))],
  ])('refuses a schema that %s with InvalidPluginOptionsError', (_, validate) => {
    const { registry } = setup();
    const error = thrown(() => registry.register(DdpStrategy, { alias: 'hostile', schema: schema(validate) }));
    expectPluginError(error, 'PLUGIN_INVALID_OPTIONS');
    expect(registry.has('hostile')).toBe(false);
  });

  it('refuses a schema output with a __proto__ key instead of handing the plugin a swapped prototype', () => {
    const { registry } = setup();
    const parsing = schema((value) => ({ value: JSON.parse('{"__proto__":{"isAdmin":true}}') as unknown }));

    const error = thrown(() => registry.register(DdpStrategy, { alias: 'parsed', schema: parsing }));

    expectPluginError(error, 'PLUGIN_INVALID_OPTIONS');
    expect(error.message).toContain('in the schema\'s output: the key "__proto__" is not allowed');
    expectNoPollution();
  });
});

describe('issue 12: options that would hang or flood', () => {
  it('refuses sparse and oversized arrays in options at once', () => {
    const { resolver } = setup();

    expectPluginError(
      thrown(() => resolver.resolve('ddp', { list: new Array(2 ** 32 - 1) })),
      'PLUGIN_INVALID_OPTIONS',
    );
    expectPluginError(
      thrown(() => resolver.resolve('ddp', { list: [1, , 3] })), // eslint-disable-line no-sparse-arrays -- the point
      'PLUGIN_INVALID_OPTIONS',
    );
  });

  it('checks the length of a 1 MB alias before any look-up or did-you-mean', () => {
    const { resolver } = setup();
    const huge = 'd'.repeat(1_000_000);

    const error = thrown(() => resolver.resolveAll({ alias: huge }));

    expectPluginError(error, 'PLUGIN_NOT_FOUND');
    expect(error).toMatchObject({ suggestions: [] });
    expectPluginError(
      thrown(() => resolver.resolve(huge)),
      'PLUGIN_NOT_FOUND',
    );
  });

  it('folds ASCII case only, and names a non-ASCII character by its code point', () => {
    const { registry, resolver } = setup();
    registry.register(DdpStrategy, { alias: 'key' });

    const error = thrown(() => resolver.resolve('\u212Aey'));
    expectPluginError(error, 'PLUGIN_NOT_FOUND');
    expect(error.message).toContain('the non-ASCII character "\u212A" (U+212A) at position 0');
    expect(() => parsePluginSelection('\u212Aey')).toThrow('the non-ASCII character "\u212A" (U+212A)');
    expect(() => registry.register(DdpStrategy, { alias: 'k\u212Ay' })).toThrow('(U+212A) at position 1');
  });

  it('escapes control characters and cuts a constructor message of 1 MB', () => {
    const { registry, resolver } = setup();
    class Loud {
      constructor() {
        throw new Error(`\u001b]0;pwned\u0007${'x'.repeat(1_000_000)}`);
      }
    }
    registry.register(Loud, { alias: 'loud' });

    const error = thrown(() => resolver.resolve('loud'));

    expectPluginError(error, 'PLUGIN_CREATION_FAILED');
    expect(error.message).not.toMatch(/[\u0000-\u001f]/); // eslint-disable-line no-control-regex -- the point
    expect(error.message).toContain('\\u001b]0;pwned\\u0007');
    expect(error.message.length).toBeLessThan(400);
  });
});

describe('issue 12: hostile classes', () => {
  it.each([
    ['an object without prototype', () => Object.create(null) as unknown],
    ['a Proxy whose traps throw', () => new Proxy({}, { getPrototypeOf: () => { throw new Error('trap'); } })], // prettier-ignore
    ['an object whose toString throws', () => ({ toString: () => { throw new Error('no'); } })], // prettier-ignore
    [
      'an Error whose message getter throws',
      () => Object.defineProperty(new Error(), 'message', { get: () => { throw new Error('no'); } }), // prettier-ignore
    ],
  ])('reports a constructor that throws %s as PluginCreationError', (_, failure) => {
    const { registry, resolver } = setup();
    class Odd {
      constructor() {
        throw failure();
      }
    }
    registry.register(Odd, { alias: 'odd' });

    expectPluginError(
      thrown(() => resolver.resolve('odd')),
      'PLUGIN_CREATION_FAILED',
    );
  });

  it('registers and builds a class whose name getter throws', () => {
    const { registry, resolver } = setup();
    const Nameless = Object.defineProperty(class {}, 'name', { get: () => { throw new Error('name'); } }); // prettier-ignore

    registry.register(Nameless, { alias: 'nameless' });

    expect(resolver.resolve('nameless')).toBeInstanceOf(Nameless);
    expect(() => registry.register(DdpStrategy, { alias: 'nameless' })).toThrow('(anonymous class)');
  });

  it('refuses a revoked Proxy class with a typed error', () => {
    const { registry } = setup();
    const { proxy, revoke } = Proxy.revocable(class Revoked {}, {});
    revoke();

    expectPluginError(
      thrown(() => registry.register(proxy, { alias: 'revoked' })),
      'PLUGIN_INVALID_REGISTRATION',
    );
  });

  it('does not let a hostile Symbol.hasInstance claim other instances in resolveAll', () => {
    const { registry, resolver } = setup();
    class Greedy {
      static [Symbol.hasInstance](): boolean {
        return true;
      }
    }
    registry.register(Greedy, { alias: 'greedy', kind: 'precision' });

    expect(resolver.resolveAll([new DdpStrategy({})])).toEqual({ strategy: [new DdpStrategy({})] });
  });

  it('groups kinds named constructor, toString or hasOwnProperty', () => {
    const { registry, resolver } = setup();
    for (const kind of ['constructor', 'toString', 'hasOwnProperty']) {
      registry.register(DdpStrategy, { alias: `of_${kind}`, kind });
    }

    const resolved = resolver.resolveAll('of_constructor, of_toString, of_hasOwnProperty');

    expect(Object.keys(resolved)).toEqual(['constructor', 'toString', 'hasOwnProperty']);
    expect(Object.getOwnPropertyDescriptor(resolved, 'toString')?.value).toHaveLength(1);
  });

  it('names a constructor cycle briefly instead of overflowing the stack', () => {
    const { registry, resolver } = setup();
    class DeepSpeed {
      constructor() {
        resolver.resolve('zero');
      }
    }
    class Zero {
      constructor() {
        resolver.resolve('deepspeed');
      }
    }
    registry.register(DeepSpeed, { alias: 'deepspeed' });
    registry.register(Zero, { alias: 'zero' });

    const error = thrown(() => resolver.resolve('deepspeed'));

    expect(error).toBeInstanceOf(PluginCreationError);
    expect(error.message).toBe(
      'Could not create plugin "deepspeed" -> DeepSpeed -> Zero. Cause: a dependency cycle: deepspeed -> zero -> deepspeed',
    );
  });
});

describe('issue 12: nothing half-applied', () => {
  it('checks every item of resolveAll before building any (no singleton built for a failed selection)', () => {
    const { registry, resolver } = setup();
    let built = 0;
    class Counted {
      constructor() {
        built += 1;
      }
    }
    registry.register(Counted, { alias: 'counted', scope: 'singleton' });
    registry.register(DdpStrategy, { alias: 'keyed', optionKeys: ['workers'] });

    expectPluginError(
      thrown(() => resolver.resolveAll(['counted', { alias: 'keyed', options: { wrokers: 1 } }])),
      'PLUGIN_INVALID_OPTIONS',
    );
    expect(built).toBe(0);
  });

  it('completes a registration whose onChange listener throws, and reports the error as a warning', () => {
    const { registry, container } = setup();
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    using _ = registry.onChange(() => {
      throw new Error('listener failed');
    });

    const handle = registry.register(DdpStrategy, { alias: 'fsdp', kind: 'strategy' });
    const warnings = warn.mock.calls.map(([warning]) => warning);
    warn.mockRestore();

    expect(handle.active).toBe(true);
    expect(container.get(pluginToken('strategy'), { name: 'fsdp' })).toBeInstanceOf(DdpStrategy);
    expect(warnings).toHaveLength(1);
    expect((warnings[0] as AggregateError).errors).toEqual([new Error('listener failed')]);
  });

  it('keeps containers in step when a listener unregisters the entry being added', () => {
    const { registry, container } = setup();
    using _ = registry.onChange(({ type, entry }) => {
      if (type === 'added' && entry.alias === 'fleeting') registry.unregister('fleeting');
    });

    registry.register(DdpStrategy, { alias: 'fleeting', kind: 'strategy' });

    expect(registry.has('fleeting')).toBe(false);
    expect(container.isBound(pluginToken('strategy'), { name: 'fleeting' })).toBe(false);
  });

  it('refuses another class under an alias a manifest holds, but lets its module register it', () => {
    const { registry } = setup();
    let load = (): void => undefined;
    registry.registerLazy({
      alias: 'sharded',
      module: 'plugins/sharded.js',
      exportName: 'Sharded',
      load: () => {
        load();
      },
    });

    expectPluginError(
      thrown(() => registry.register(DdpStrategy, { alias: 'sharded' })),
      'PLUGIN_DUPLICATE',
    );
    class Sharded {}
    load = () => {
      registry.register(Sharded, { alias: 'sharded' });
    };

    expect(createPluginContainer({ registry }).get(PluginResolver).resolve('sharded')).toBeInstanceOf(Sharded);
  });
});

describe('issue 12: formatPluginSelection writes only what reads back the same', () => {
  it.each([
    ['an alias with a comma', [{ alias: 'safe(x=1), evil' }]],
    ['an empty alias', [{ alias: '' }]],
    ['a key with "="', [{ alias: 'ddp', options: { 'a=b': 1 } }]],
    ['a key with a dot', [{ alias: 'ddp', options: { 'a.b': 1 } }]],
    ['a key with a space', [{ alias: 'ddp', options: { 'a b': 1 } }]],
    ['an undefined value', [{ alias: 'ddp', options: { a: undefined } }]],
    ['NaN', [{ alias: 'ddp', options: { a: Number.NaN } }]],
    ['null in the list', [null]],
  ])('refuses %s', (_, choices) => {
    expectPluginError(
      thrown(() => formatPluginSelection(choices as never)),
      'PLUGIN_INVALID_SELECTION',
    );
  });

  it('writes -0 and the infinities so that they read back exactly', () => {
    const choices = [{ alias: 'ddp', options: { a: -0, b: [-0, Infinity], c: -Infinity } }];

    expect(parsePluginSelection(formatPluginSelection(choices))).toEqual(choices);
  });
});
