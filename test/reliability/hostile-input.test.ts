import { describe, expect, it } from '@jest/globals';
import {
  InvalidPluginOptionsError,
  PluginCreationError,
  PluginRegistry,
  PluginResolver,
  RegisterPlugin,
  createPluginContainer,
  formatPluginSelection,
  parsePluginSelection,
  pluginToken,
  type PluginErrorCode,
} from 'plugboard';
import { overridePlugin } from 'plugboard/testing';
import { SLOW_TEST_TIMEOUT, deeplyNested, expectNoPollution, expectPluginError, thrown } from './support.js';

class DdpStrategy {
  constructor(readonly options: unknown) {}
}
class FakeStrategy {
  constructor(readonly options: unknown) {}
}

const LONG = 'x'.repeat(100_000);

/**
 * A registry with two strategies, a container over it, and `refuses(fn, code)`: asserts that `fn` throws a
 * PluginError with `code` and a bounded message, pollutes nothing, and leaves registry and container as they were.
 */
function setup() {
  const registry = new PluginRegistry();
  registry.register(DdpStrategy, {
    alias: 'ddp',
    kind: 'strategy',
    params: { workers: 2 },
    description: 'Distributed data parallel',
  });
  registry.register(DdpStrategy, { alias: 'Deep-Speed', kind: 'strategy', params: { stage: 3 } });
  const container = createPluginContainer({ registry });
  const resolver = container.get(PluginResolver);
  const snapshot = () => ({
    listing: registry.availablePlugins({ withDescriptions: true, withRecommendations: true }),
    entries: registry.list().map((entry) => [entry.alias, entry.kind, entry.target, entry.params]),
    kinds: registry.kinds(),
    deprecations: registry.deprecations(),
    resolved: [resolver.resolve('ddp'), resolver.resolve('deep_speed')],
    bound: container.get(pluginToken('strategy'), { name: 'ddp' }),
  });
  const refuses = (fn: () => unknown, code: PluginErrorCode): unknown => {
    const before = snapshot();
    const error = thrown(fn);
    expectPluginError(error, code);
    expectNoPollution();
    expect(snapshot()).toEqual(before);
    return error;
  };
  return { registry, container, resolver, refuses };
}

// issue 8 found: deprecate() threw a TypeError for every non-string alias, get() and resolve() threw one for an
// object without a prototype or with a throwing toString, and a long symbol or function name went whole into messages.
const NON_STRING_ALIASES: [string, unknown][] = [
  ['a number', 42],
  ['a bigint', 10n],
  ['a symbol', Symbol('ddp')],
  ['a symbol with a 100k-character description', Symbol(LONG)],
  ['an object', { alias: 'ddp' }],
  ['an object without a prototype', Object.create(null)],
  [
    'an object whose toString throws',
    {
      toString(): string {
        throw new Error('no text');
      },
    },
  ],
  ['an array', ['ddp']],
  ['a function with a 100k-character name', Object.defineProperty(() => 'ddp', 'name', { value: LONG })],
  ['null', null],
  ['undefined', undefined],
];

const BAD_STRING_ALIASES: [string, string][] = [
  ['empty', ''],
  ['whitespace', ' \t\n'],
  ['padded with spaces', ' ddp '],
  ['100k characters long', LONG],
  ['a Cyrillic look-alike ("ddр")', 'dd\u0440'],
  ['a full-width look-alike', '\uff44\uff44\uff50'],
  ['a zero-width space inside', 'dd\u200bp'],
  ['a zero-width joiner at the end', 'ddp\u200d'],
  ['a byte-order mark in front', '\ufeffddp'],
  ['a NUL character', 'ddp\u0000'],
  ['a combining accent', 'dd\u0301p'],
];

describe('issue 8: hostile aliases', () => {
  it.each([...NON_STRING_ALIASES, ...BAD_STRING_ALIASES])(
    'refuses %s as an alias to register, changing nothing',
    (_, alias) => {
      const { registry, refuses } = setup();

      refuses(() => registry.register(FakeStrategy, { alias: alias as string }), 'PLUGIN_INVALID_REGISTRATION');
      refuses(() => RegisterPlugin({ alias: alias as string, registry }), 'PLUGIN_INVALID_REGISTRATION');
      refuses(() => registry.deprecate(alias as string, 'ddp'), 'PLUGIN_INVALID_REGISTRATION');
      refuses(() => registry.deprecate('old_ddp', alias as string), 'PLUGIN_INVALID_REGISTRATION');
    },
  );

  it.each([...NON_STRING_ALIASES, ...BAD_STRING_ALIASES])('finds nothing under %s', (_, alias) => {
    const { registry, container, resolver, refuses } = setup();
    const asked = alias as string;

    expect(registry.has(asked)).toBe(false);
    expect(registry.find(asked)).toBeUndefined();
    expect(registry.unregister(asked)).toBe(false);
    refuses(() => registry.get(asked), 'PLUGIN_NOT_FOUND');
    refuses(() => resolver.resolve(asked), 'PLUGIN_NOT_FOUND');
    refuses(
      () => resolver.resolveAll([{ alias: 'ddp' }, { alias: asked }]),
      typeof alias === 'string' ? 'PLUGIN_NOT_FOUND' : 'PLUGIN_INVALID_SELECTION',
    );
    refuses(() => overridePlugin(container, asked, FakeStrategy), 'PLUGIN_NOT_FOUND');
    // A named binding that does not exist is inversify's own error; the container is left as it was.
    expect(() => container.get(pluginToken('strategy'), { name: asked })).toThrow();
    expect(container.get(pluginToken('strategy'), { name: 'ddp' })).toEqual(new DdpStrategy({ workers: 2 }));
  });

  it.each([
    ['dd\u0440', 'a Cyrillic "р"'],
    ['dd\u200bp', 'a zero-width space'],
    ['DD\u2010P', 'a Unicode hyphen'],
  ])('does not match %p (%s) to "ddp", but suggests it', (asked) => {
    const { registry } = setup();

    const error = thrown(() => registry.get(asked));

    expectPluginError(error, 'PLUGIN_NOT_FOUND');
    expect(error).toMatchObject({ suggestions: ['ddp'] });
  });

  // issue 8 found: overridePlugin() quoted the whole alias when refusing the replacement.
  it('quotes at most a bounded part of a 100k-character alias in every message', () => {
    const { registry, container, resolver, refuses } = setup();

    const errors = [
      refuses(() => registry.register(FakeStrategy, { alias: LONG }), 'PLUGIN_INVALID_REGISTRATION'),
      refuses(() => registry.get(LONG), 'PLUGIN_NOT_FOUND'),
      refuses(() => registry.get(`ddp${LONG}`), 'PLUGIN_NOT_FOUND'),
      refuses(() => resolver.resolve(LONG), 'PLUGIN_NOT_FOUND'),
      refuses(() => overridePlugin(container, LONG, FakeStrategy), 'PLUGIN_NOT_FOUND'),
      refuses(() => overridePlugin(container, LONG, 42 as never), 'PLUGIN_INVALID_REGISTRATION'),
      refuses(() => registry.register(FakeStrategy, { alias: 'ok', kind: LONG }), 'PLUGIN_INVALID_REGISTRATION'),
      refuses(() => pluginToken(LONG), 'PLUGIN_INVALID_REGISTRATION'),
      refuses(() => parsePluginSelection(`${'a'.repeat(9_000)}(`), 'PLUGIN_INVALID_SELECTION'),
      refuses(() => parsePluginSelection('a'.repeat(9_000), { registry }), 'PLUGIN_NOT_FOUND'),
      refuses(() => parsePluginSelection(LONG), 'PLUGIN_INVALID_SELECTION'),
    ];

    for (const error of errors) expect((error as Error).message).not.toContain('x'.repeat(200));
  });

  it('treats spellings that differ only by case or -/_ as one alias', () => {
    const { registry, container, resolver, refuses } = setup();
    const spellings = ['Deep-Speed', 'deep_speed', 'DEEP-SPEED', 'deep-Speed', 'DeEp_SpEeD'];

    for (const spelling of spellings) {
      expect(registry.get(spelling).alias).toBe('Deep-Speed');
      expect(resolver.resolve(spelling)).toEqual(new DdpStrategy({ stage: 3 }));
      expect(container.get(pluginToken('strategy'), { name: spelling })).toEqual(new DdpStrategy({ stage: 3 }));
      refuses(() => registry.register(FakeStrategy, { alias: spelling, kind: 'strategy' }), 'PLUGIN_DUPLICATE');
      refuses(() => registry.deprecate(spelling, 'ddp'), 'PLUGIN_DUPLICATE');
    }
    expect(registry.availablePlugins()).toEqual(['ddp', 'Deep-Speed']);
    expect(registry.unregister('DEEP_SPEED')).toBe(true);
    expect(spellings.some((spelling) => registry.has(spelling))).toBe(false);
  });
});

const POLLUTING_JSON = [
  '{"__proto__": {"polluted": 1}}',
  '{"a": {"b": {"c": {"__proto__": {"polluted": 1}}}}}',
  '{"constructor": {"prototype": {"polluted": 1}}}',
  '{"list": [{"prototype": {"polluted": 1}}]}',
  '{"a": [[{"x": {"constructor": {"prototype": {"polluted": 1}}}}]]}',
];

const POLLUTING_SELECTIONS = [
  'ddp(__proto__.polluted=1)',
  'ddp(a.b.__proto__.polluted=1)',
  'ddp(constructor.prototype.polluted=1)',
  'ddp(prototype=1)',
  'ddp(workers=1, x.constructor={"prototype": {"polluted": 1}})',
];

describe('issue 8: hostile options', () => {
  it.each(POLLUTING_JSON)('refuses %s from code in params, overrides and selections', (json) => {
    const { registry, resolver, refuses } = setup();
    const options = () => JSON.parse(json) as Record<string, unknown>;

    refuses(() => registry.register(FakeStrategy, { alias: 'fake', params: options() }), 'PLUGIN_INVALID_OPTIONS');
    refuses(() => resolver.resolve('ddp', options()), 'PLUGIN_INVALID_OPTIONS');
    refuses(() => resolver.resolveAll({ alias: 'ddp', options: options() }), 'PLUGIN_INVALID_OPTIONS');
    refuses(() => resolver.resolveAll(`ddp(extra=${json})`), 'PLUGIN_INVALID_OPTIONS');
    const error = refuses(() => resolver.resolve('ddp', { nested: options() }), 'PLUGIN_INVALID_OPTIONS');
    expect((error as InvalidPluginOptionsError).issues[0]?.path[0]).toBe('nested');
  });

  it.each(POLLUTING_SELECTIONS)('refuses %p from text', (text) => {
    const { registry, resolver, refuses } = setup();

    refuses(() => parsePluginSelection(text), 'PLUGIN_INVALID_OPTIONS');
    refuses(() => parsePluginSelection(text, { registry }), 'PLUGIN_INVALID_OPTIONS');
    refuses(() => resolver.resolveAll(text), 'PLUGIN_INVALID_OPTIONS');
    refuses(() => resolver.resolveAll(['Deep-Speed', text]), 'PLUGIN_INVALID_OPTIONS');
  });

  it('reads a dotted key that starts with an Object.prototype method name as nested options', () => {
    // issue 8: `toString.x=1` was refused as "set twice", because the inherited toString was taken for a set option.
    expect(parsePluginSelection('ddp(toString.x=1, valueOf.y=2, hasOwnProperty=3, isPrototypeOf.z.w=4)')).toEqual([
      {
        alias: 'ddp',
        options: { toString: { x: 1 }, valueOf: { y: 2 }, hasOwnProperty: 3, isPrototypeOf: { z: { w: 4 } } },
      },
    ]);
    expectNoPollution();
  });

  it.each(['object', 'array'] as const)(
    'refuses options nested 10,000 levels deep (%s) with a typed error, not a stack overflow',
    (shape) => {
      const { registry, resolver, refuses } = setup();
      const deep = () => deeplyNested(10_000, shape);

      refuses(() => registry.register(FakeStrategy, { alias: 'fake', params: deep() }), 'PLUGIN_INVALID_OPTIONS');
      refuses(() => resolver.resolve('ddp', { deep: deep() }), 'PLUGIN_INVALID_OPTIONS');
      refuses(() => resolver.resolveAll({ alias: 'ddp', options: { deep: deep() } }), 'PLUGIN_INVALID_OPTIONS');
      refuses(() => formatPluginSelection([{ alias: 'ddp', options: { deep: deep() } }]), 'PLUGIN_INVALID_SELECTION');
      const error = refuses(() => resolver.resolve('ddp', { deep: deep() }), 'PLUGIN_INVALID_OPTIONS');
      expect((error as InvalidPluginOptionsError).issues).toHaveLength(1);
      expect((error as Error).message).toContain('nested deeper than 64 levels');
    },
  );

  it('refuses a selection nested thousands of levels deep in its text when it is resolved', () => {
    const { resolver, refuses } = setup();
    const text = `ddp(deep=${'['.repeat(4_000)}${']'.repeat(4_000)})`;

    expect(parsePluginSelection(text)).toHaveLength(1);
    refuses(() => resolver.resolveAll(text), 'PLUGIN_INVALID_OPTIONS');
  });

  it('refuses options that contain themselves', () => {
    const { registry, resolver, refuses } = setup();
    const cyclic: Record<string, unknown> = { workers: 1 };
    cyclic.self = cyclic;
    const list: unknown[] = [];
    list.push(list);

    refuses(() => registry.register(FakeStrategy, { alias: 'fake', params: cyclic }), 'PLUGIN_INVALID_OPTIONS');
    refuses(() => resolver.resolve('ddp', { list }), 'PLUGIN_INVALID_OPTIONS');
    refuses(() => formatPluginSelection([{ alias: 'ddp', options: cyclic }]), 'PLUGIN_INVALID_SELECTION');
  });

  // issue 8 found: formatPluginSelection let JSON.stringify's TypeError (cycles, BigInt) and RangeError (depth) out.
  it('refuses options that formatPluginSelection cannot write as text', () => {
    refuses(() => formatPluginSelection([{ alias: 'ddp', options: { big: 10n } }]));

    function refuses(fn: () => unknown): void {
      expectPluginError(thrown(fn), 'PLUGIN_INVALID_SELECTION');
    }
  });

  it(
    'takes a 1,000,000-element array of numbers as params and as an override',
    () => {
      const { registry, resolver } = setup();
      const list = Array.from({ length: 1_000_000 }, (_, index) => index);

      registry.register(FakeStrategy, { alias: 'big', params: { list } });
      list[0] = -1;
      const built = resolver.resolve('big') as FakeStrategy;
      const overridden = resolver.resolve('big', { list }) as FakeStrategy;

      expect((registry.get('big').params as { list: number[] }).list[0]).toBe(0);
      expect(Object.isFrozen((registry.get('big').params as { list: number[] }).list)).toBe(true);
      expect((built.options as { list: number[] }).list).toHaveLength(1_000_000);
      expect((overridden.options as { list: number[] }).list.at(-1)).toBe(999_999);
      expect((overridden.options as { list: number[] }).list).not.toBe(list);
    },
    SLOW_TEST_TIMEOUT,
  );

  // issue 8 found: the message listed every issue, 80 MB for a million of them.
  it('refuses a 100,000-element array of polluting objects with every issue kept and a bounded message', () => {
    const { resolver, refuses } = setup();
    const list: unknown[] = new Array(100_000).fill(JSON.parse('{"__proto__": {"polluted": 1}}'));

    const error = refuses(() => resolver.resolve('ddp', { list }), 'PLUGIN_INVALID_OPTIONS');

    expect((error as InvalidPluginOptionsError).issues).toHaveLength(100_000);
    expect((error as Error).message).toContain('list.[0].__proto__: the key "__proto__" is not allowed');
    expect((error as Error).message).toContain('... and 99980 more (see error.issues)');
  });

  // issue 8 found: option paths went whole into InvalidPluginOptionsError messages.
  it('quotes at most a bounded part of a 100k-character option key', () => {
    const { registry, resolver, refuses } = setup();
    registry.register(FakeStrategy, { alias: 'keyed', optionKeys: ['workers'] });

    refuses(() => resolver.resolve('keyed', { [LONG]: 1 }), 'PLUGIN_INVALID_OPTIONS');
    refuses(() => resolver.resolve('ddp', { [LONG]: { __proto__: null, prototype: 1 } }), 'PLUGIN_INVALID_OPTIONS');
    refuses(() => resolver.resolve('ddp', { [LONG]: deeplyNested(100, 'object') }), 'PLUGIN_INVALID_OPTIONS');
  });

  it('leaves the registry unchanged when reading the options throws', () => {
    const { registry, resolver } = setup();
    const before = registry.availablePlugins();
    const trap = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('trap');
        },
      },
    );

    expect(() =>
      registry.register(FakeStrategy, {
        alias: 'getter',
        params: {
          get workers(): number {
            throw new Error('getter');
          },
        },
      }),
    ).toThrow('getter');
    expect(() => registry.register(FakeStrategy, { alias: 'proxy', params: trap })).toThrow('trap');
    expect(registry.availablePlugins()).toEqual(before);
    expect(resolver.resolve('ddp')).toEqual(new DdpStrategy({ workers: 2 }));
  });
});

class ThrowsError {
  constructor() {
    throw new Error('no GPU found');
  }
}
class ReturnsPrimitive {
  readonly built = true;
  constructor() {
    return 1 as unknown as ReturnsPrimitive;
  }
}
const returned = { stand: 'in' };
class ReturnsObject {
  constructor() {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- what `new` does with it is the point
    return returned;
  }
}

describe('issue 8: plugins that fail', () => {
  it.each([
    ['an Error', new Error('no GPU found'), 'no GPU found'],
    ['a string', 'no GPU found', 'no GPU found'],
    ['undefined', undefined, 'undefined'],
    ['null', null, 'null'],
  ])('reports a constructor that throws %s as PluginCreationError keeping the cause', (_, failure, reason) => {
    const { registry, container, resolver, refuses } = setup();
    class Broken {
      constructor() {
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- a plugin may throw anything
        throw failure;
      }
    }
    registry.register(Broken, { alias: 'broken', kind: 'strategy' });

    for (const resolve of [
      () => resolver.resolve('broken'),
      () => resolver.resolveAll('ddp, broken'),
      () => container.get(pluginToken('strategy'), { name: 'broken' }),
    ]) {
      const error = refuses(resolve, 'PLUGIN_CREATION_FAILED');
      expect(error).toBeInstanceOf(PluginCreationError);
      expect((error as Error).message).toBe(`Could not create plugin "broken" -> Broken. Cause: ${reason}`);
      expect(error).toMatchObject({ alias: 'broken', path: ['Broken'] });
      expect((error as Error).cause).toBe(failure);
    }
  });

  it('does not cache a singleton whose constructor threw', () => {
    const { registry, resolver } = setup();
    let fail = true;
    class Flaky {
      constructor() {
        if (fail) throw new Error('not yet');
      }
    }
    registry.register(Flaky, { alias: 'flaky', scope: 'singleton' });

    expectPluginError(
      thrown(() => resolver.resolve('flaky')),
      'PLUGIN_CREATION_FAILED',
    );
    fail = false;

    expect(resolver.resolve('flaky')).toBeInstanceOf(Flaky);
    expect(resolver.resolve('flaky')).toBe(resolver.resolve('flaky'));
  });

  it('gives the new instance when a constructor returns a primitive (JavaScript ignores it)', () => {
    const { registry, resolver } = setup();
    registry.register(ReturnsPrimitive, { alias: 'primitive' });

    const instance = resolver.resolve('primitive');

    expect(instance).toBeInstanceOf(ReturnsPrimitive);
    expect(instance).toEqual({ built: true });
  });

  it('gives the returned object when a constructor returns one (as `new` does)', () => {
    const { registry, resolver } = setup();
    registry.register(ReturnsObject, { alias: 'object' });

    expect(resolver.resolve('object')).toBe(returned);
  });

  it.each([
    ['an Error', new Error('fake failed'), 'fake failed'],
    ['a string', 'fake failed', 'fake failed'],
    ['undefined', undefined, 'undefined'],
  ])('reports a test override factory that throws %s as PluginCreationError', (_, failure, reason) => {
    const { container, resolver, refuses } = setup();
    const override = overridePlugin(container, 'ddp', function failingFake(): never {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- a factory may throw anything
      throw failure;
    });

    const error = thrown(() => resolver.resolve('ddp'));
    override.dispose();

    expectPluginError(error, 'PLUGIN_CREATION_FAILED');
    expect((error as Error).message).toBe(`Could not create plugin "ddp" -> failingFake. Cause: ${reason}`);
    expect((error as Error).cause).toBe(failure);
    refuses(() => resolver.resolve('nothing'), 'PLUGIN_NOT_FOUND');
  });

  it('reports a test override class whose constructor throws as PluginCreationError', () => {
    const { registry, container, resolver, refuses } = setup();
    registry.register(DdpStrategy, { alias: 'fsdp', kind: 'strategy' });
    using _ = overridePlugin(container, 'fsdp', { useClass: ThrowsError });

    refuses(() => resolver.resolve('fsdp'), 'PLUGIN_CREATION_FAILED');
    refuses(() => container.get(pluginToken('strategy'), { name: 'fsdp' }), 'PLUGIN_CREATION_FAILED');
  });
});

describe('issue 8: RegisterPlugin applied to something that is not a class', () => {
  type Decorate = (value: unknown, context?: unknown) => void;
  const decorator = (registry: PluginRegistry) =>
    RegisterPlugin({ alias: 'misplaced', registry, params: { workers: 0 } }) as Decorate;

  it.each([
    ['an arrow function', () => ({})],
    ['an async function', async () => Promise.resolve()],
    ['a method taken off an object', Object.getOwnPropertyDescriptor({ method() {} }, 'method')?.value],
    // issue 8: generator functions have a prototype but `new` cannot call them; they were accepted.
    [
      'a generator function',
      function* generate() {
        yield 1;
      },
    ],
    ['an object', { alias: 'ddp' }],
    ['null', null],
    ['a number', 42],
  ])('refuses %s passed by hand', (_, value) => {
    const { registry, refuses } = setup();

    refuses(() => {
      decorator(registry)(value);
    }, 'PLUGIN_INVALID_REGISTRATION');
    expect(registry.has('misplaced')).toBe(false);
  });

  it('accepts a plain function constructor (a class written the ES5 way), which `new` can build', () => {
    const { registry, resolver } = setup();
    function LegacyStrategy(this: { options: unknown }, options: unknown) {
      this.options = options;
    }

    decorator(registry)(LegacyStrategy);

    expect(registry.get('misplaced').target).toBe(LegacyStrategy);
    expect(resolver.resolve('misplaced', { workers: 1 })).toEqual({ options: { workers: 1 } });
  });

  it('refuses a method, a field, an accessor and a getter under standard decorators', () => {
    const { registry, refuses } = setup();
    const decorate = decorator(registry);

    for (const define of [
      () =>
        class {
          @decorate method(): void {}
        },
      () =>
        class {
          @decorate field = 1;
        },
      () =>
        class {
          @decorate accessor value = 1;
        },
      () =>
        class {
          @decorate get value(): number {
            return 1;
          }
        },
      () =>
        class {
          @decorate static method(): void {}
        },
    ]) {
      refuses(define, 'PLUGIN_INVALID_REGISTRATION');
    }
    expect(registry.has('misplaced')).toBe(false);
  });

  it('refuses registration options that are not an object, before any class is decorated', () => {
    const { refuses } = setup();

    for (const options of [null, undefined, 42, 'x'.repeat(200_000), [{ alias: 'ddp' }], Symbol(LONG)]) {
      refuses(() => RegisterPlugin(options as never), 'PLUGIN_INVALID_REGISTRATION');
    }
  });
});
