import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { container as tsyringeRoot } from 'tsyringe';
import {
  PluginError,
  PluginRegistry,
  PluginResolver,
  RegisterPlugin,
  checkPluginLock,
  checkPluginSelection,
  createPluginContainer,
  createPluginLock,
  createRegisterPlugin,
  explainPluginSelection,
  formatPluginSelection,
  parsePluginSelection,
  pluginModule,
  pluginToken,
  readPluginsOption,
  registerPlugin,
  reviewPluginSelection,
  type StandardSchemaV1,
} from 'plugboard';
import { checkPluginConformance, createTestContainer, overridePlugin, withPluginOverrides } from 'plugboard/testing';
import { pluginAliasToken, pluginKindToken, registerPlugins, type PluginKindLookup } from 'plugboard/tsyringe';
import { SLOW_TEST_TIMEOUT, expectNoPollution } from './support.js';

// issue 12 (and round 3's new entry points): every public function and method of the library (the file-system ones, discover and the manifest
// functions, are tested by their own suites), called with arbitrary and hostile values, returns or throws a
// PluginError; a call that throws leaves listings, look-ups and container resolutions as they were; nothing
// reaches Object.prototype, and no promise is left rejected without a handler.

const RUNS = 750;
const CALLS_PER_RUN = { minLength: 27, maxLength: 30 };
const MIN_CALLS = 20_000;

class DdpStrategy {
  constructor(readonly options: unknown) {}
}

/** A synchronous Standard Schema that wants `{ workers?: number }`. */
const workersSchema: StandardSchemaV1 = {
  '~standard': {
    version: 1,
    vendor: 'test',
    validate: (value) => {
      const workers = (value as { workers?: unknown }).workers;
      return workers === undefined || typeof workers === 'number'
        ? { value }
        : { issues: [{ message: 'workers must be a number', path: ['workers'] }] };
    },
  },
};

function setup() {
  const registry = new PluginRegistry();
  registry.register(DdpStrategy, { alias: 'ddp', kind: 'strategy', params: { workers: 2 }, schema: workersSchema });
  registry.register(DdpStrategy, { alias: 'single', kind: 'precision', scope: 'singleton' });
  registry.defineKind('strategy', { exclusive: true });
  registry.deprecate('old_ddp', 'ddp');
  const container = createPluginContainer({ registry });
  const resolver = container.get(PluginResolver);
  const tsyringe = tsyringeRoot.createChildContainer();
  registerPlugins(tsyringe, registry);
  const snapshot = () => ({
    listing: registry.availablePlugins({ withDescriptions: true, withRecommendations: true }),
    entries: registry.list().map((entry) => [entry.alias, entry.kind, entry.target, entry.params, entry.scope]),
    kinds: registry.kinds(),
    deprecations: registry.deprecations().map(({ alias, successor }) => [alias, successor]),
    found: ['ddp', 'single', 'old_ddp', 'nothing'].map((alias) => registry.has(alias)),
    resolved: attempt(() => resolver.resolve('ddp')),
    single: attempt(() => resolver.resolve('single')),
    bound: attempt(() => container.get(pluginToken('strategy'), { name: 'ddp' })),
    tsyringe: attempt(() => tsyringe.resolve<PluginKindLookup>(pluginKindToken('strategy'))('ddp')),
  });
  return { registry, container, resolver, tsyringe, snapshot };
}
type World = ReturnType<typeof setup>;

/** What `fn` gives, or the code of the PluginError it throws (a call that succeeded may have removed a plugin). */
function attempt(fn: () => unknown): unknown {
  try {
    return fn();
  } catch (error) {
    return { failed: PluginError.is(error) ? error.code : error };
  }
}

const LONG = 'x'.repeat(100_000);

/** Values that have broken plugboard before: each made fresh, as some are stateful. */
const hostileMakers: (() => unknown)[] = [
  () => null,
  () => undefined,
  () => Object.create(null) as unknown,
  () => LONG,
  () => '\u212Aey',
  () => 'ddp\u001b[31m',
  () => 'dd\u0440',
  () => 'constructor',
  () => '__proto__',
  () => 'toString',
  () => 'ddp(workers=1), single',
  () => "ddp(workers='x')",
  () => 'later',
  () => 'old_ddp',
  () => ['ddp', { alias: 'single' }],
  () => ({ alias: LONG }),
  () => ({ alias: 'ddp', options: { workers: 'many' } }),
  () => ({ __proto__: { polluted: true } }),
  () => JSON.parse('{"__proto__":{"polluted":true},"workers":1}') as unknown,
  () => new Array<unknown>(2 ** 32 - 1),
  () => [1, , 3], // eslint-disable-line no-sparse-arrays -- a sparse array is the point
  () => new Proxy({}, { ownKeys: () => { throw new Error('ownKeys trap'); } }), // prettier-ignore
  () => new Proxy({}, { getPrototypeOf: () => { throw new Error('getPrototypeOf trap'); } }), // prettier-ignore
  () => new Proxy({}, { get: () => { throw new Error('get trap'); } }), // prettier-ignore
  () => new Proxy(class {}, { get: () => { throw new Error('class get trap'); } }), // prettier-ignore
  () => {
    const { proxy, revoke } = Proxy.revocable(class Revoked {}, {});
    revoke();
    return proxy;
  },
  () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    return proxy;
  },
  () => ({ get alias(): string { throw new Error('alias getter'); } }), // prettier-ignore
  () => ({ toString: () => { throw new Error('toString'); } }), // prettier-ignore
  () => Object.defineProperty(class {}, 'name', { get: () => { throw new Error('name getter'); } }), // prettier-ignore
  () => Object.defineProperty(class {}, Symbol.hasInstance, { value: () => true }),
  () =>
    class Throws {
      constructor() {
        throw Object.create(null);
      }
    },
  () =>
    class ThrowsProxy {
      constructor() {
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- hostile by design
        throw new Proxy({}, { getPrototypeOf: () => { throw new Error('trap'); } }); // prettier-ignore
      }
    },
  () =>
    class ThrowsMessageGetter {
      constructor() {
        const error = new Error();
        Object.defineProperty(error, 'message', { get: () => { throw new Error('message getter'); } }); // prettier-ignore
        throw error;
      }
    },
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- a schema that throws null
  () => ({ '~standard': { version: 1, vendor: 'x', validate: () => { throw null; } } }), // prettier-ignore
  () => ({ '~standard': { version: 1, vendor: 'x', validate: () => ({ issues: 5 }) } }),
  () => ({ '~standard': { version: 1, vendor: 'x', validate: () => null } }),
  () => ({ '~standard': { version: 1, vendor: 'x', validate: () => Promise.reject(new Error('async')) } }),
  () => Symbol('ddp'),
  () => 10n,
  () => Number.NaN,
  () => -0,
  () => () => 'factory',
  () => DdpStrategy,
];

/** Arguments are generated as makers: fast-check itself must not touch a revoked Proxy. */
type Maker = () => unknown;
const constant =
  (value: unknown): Maker =>
  () =>
    value;
const hostile = fc.constantFrom(...hostileMakers);
const anyValue: fc.Arbitrary<Maker> = fc.oneof(
  { weight: 3, arbitrary: hostile },
  {
    weight: 2,
    arbitrary: fc.anything({ withNullPrototype: true, withObjectString: true, withSparseArray: true }).map(constant),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map(constant) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('ddp', 'DDP', 'single', 'later', 'old_ddp', 'strategy', 'precision').map(constant),
  },
);
/** Registration options: real-looking ones with hostile fields, and arbitrary values. */
const registration: fc.Arbitrary<Maker> = fc.oneof(
  fc
    .record(
      {
        alias: anyValue,
        kind: anyValue,
        params: anyValue,
        schema: anyValue,
        optionKeys: anyValue,
        scope: anyValue,
        override: anyValue,
        registry: anyValue,
        inject: anyValue,
        order: anyValue,
        before: anyValue,
        after: anyValue,
        setupTimeoutMs: anyValue,
        secretOptions: anyValue,
      },
      { requiredKeys: ['alias'] },
    )
    .map((fields) => () => Object.fromEntries(Object.entries(fields).map(([key, make]) => [key, make()]))),
  anyValue,
);

type Call = (world: World, a: unknown, b: unknown, c: unknown) => unknown;
const dispose = (value: unknown): void => {
  (value as { dispose?: () => void } | undefined)?.dispose?.();
};

/** Every public entry point of the library, each a call with generated arguments. */
const CALLS: Record<string, Call> = {
  register: ({ registry }, a, b) => registry.register(a as never, b as never),
  registerThenDispose: ({ registry }, a, b) => {
    dispose(registry.register(a as never, b as never));
  },
  registerPlugin: (_, a, b) => {
    dispose(registerPlugin(a as never, b as never));
  },
  decorator: (_, a, b, c) => {
    RegisterPlugin(b as never)(a as never, c as never);
  },
  registerLazy: ({ registry }, a) => registry.registerLazy(a as never),
  get: ({ registry }, a, b) => registry.get(a as never, b as never),
  find: ({ registry }, a) => registry.find(a as never),
  has: ({ registry }, a) => registry.has(a as never),
  unregister: ({ registry }, a) => registry.unregister(a as never),
  deprecate: ({ registry }, a, b, c) => {
    dispose(registry.deprecate(a as never, b as never, c as never));
  },
  defineKind: ({ registry }, a, b) => {
    registry.defineKind(a as never, b as never);
  },
  list: ({ registry }, a) => registry.list(a as never),
  availablePlugins: ({ registry }, a) => registry.availablePlugins(a as never),
  kinds: ({ registry }) => registry.kinds(),
  recommend: ({ registry }, a, b) => registry.recommend(a as never, b as never),
  listing: ({ registry }) => registry.toString(),
  scoped: ({ registry }: World, a, b) =>
    registry.scoped(typeof a === 'function' ? () => registry.register(DdpStrategy, b as never) : (a as never)),
  clone: ({ registry }) => registry.clone().availablePlugins(),
  onChange: ({ registry }, a) => {
    dispose(registry.onChange(a as never));
  },
  resolve: ({ resolver }, a, b) => resolver.resolve(a as never, b as never),
  resolveAll: ({ resolver }, a) => resolver.resolveAll(a as never),
  // A name no plugin has is inversify's own error: only names that are registered are asked for.
  containerGet: ({ container, registry }: World, a) => {
    const name = typeof a === 'string' ? a : 'ddp';
    return registry.find(name)?.kind === 'strategy' ? container.get(pluginToken('strategy'), { name }) : undefined;
  },
  pluginToken: (_, a) => pluginToken(a as never),
  pluginModule: (_, a) => pluginModule(a as never),
  createPluginContainer: (_, a) => createPluginContainer(a as never),
  createTestContainer: (_, a) => createTestContainer(a as never),
  parse: ({ registry }, a, b) => parsePluginSelection(a as never, b === 'registry' ? { registry } : (b as never)),
  format: (_, a) => formatPluginSelection(a as never),
  formatOne: (_, a, b) => formatPluginSelection([{ alias: a as never, options: b }]),
  readPluginsOption: ({ registry }, a, b) =>
    readPluginsOption(
      a === 'sources' ? { argv: ['--plugins', b as never], env: { PLUGINS: b as never }, registry } : (a as never),
    ),
  override: ({ container }, a, b, c) => {
    dispose(overridePlugin(container, a as never, b as never, c as never));
  },
  overrideRegistry: ({ registry }, a, b) => {
    dispose(overridePlugin(registry, a as never, b as never));
  },
  withOverrides: ({ resolver }, a, b) => {
    const alias = typeof a === 'string' ? a : 'ddp';
    return withPluginOverrides({ [alias]: b } as never, () => resolver.resolve(alias as never));
  },
  aliasToken: (_, a) => pluginAliasToken(a as never),
  kindToken: (_, a) => pluginKindToken(a as never),
  tsyringeResolve: ({ tsyringe }, a, b) =>
    tsyringe.resolve<PluginKindLookup>(pluginKindToken('strategy'))(a as never, b as never),
  tsyringeResolver: ({ tsyringe }, a) => tsyringe.resolve(PluginResolver).resolveAll(a as never),
  // Round 3 (issues 22, 24, 25, 27): the new entry points.
  newRegistry: (_, a) => new PluginRegistry(a as never).availablePlugins(),
  createRegisterPlugin: ({ registry }, a, b, c) => {
    createRegisterPlugin(b === 'registry' ? registry : (b as never))(a as never)(c as never, undefined as never);
  },
  checkPluginSelection: ({ registry }, a) => checkPluginSelection(a as never, registry),
  reviewPluginSelection: ({ registry }, a, b) =>
    reviewPluginSelection(a as never, b === 'registry' ? registry : (b as never)),
  explain: ({ registry }, a, b) => explainPluginSelection(asRead(a, registry), lockWhere(b, registry)),
  createPluginLock: ({ registry }, a, b) => createPluginLock(asRead(a, registry), lockWhere(b, registry)),
  checkPluginLock: ({ registry }, a, b, c) =>
    checkPluginLock(c === 'sources' ? createPluginLock(asRead(a, registry), { registry }) : a, lockWhere(b, registry)),
  resolveAsync: ({ resolver }, a, b) => resolver.resolveAsync(a as never, b as never),
  resolveAllAsync: ({ resolver }, a) => resolver.resolveAllAsync(a as never),
  conformance: ({ registry }, a, b) =>
    checkPluginConformance(
      b === 'registry' ? registry : (b as never),
      a === 'sources' ? { timeoutMs: 50 } : (a as never),
    ),
};

/** A value read as a selection: `'sources'` stands for a real readPluginsOption result of `ddp`. */
function asRead(value: unknown, registry: PluginRegistry): never {
  return (
    value === 'sources' ? readPluginsOption({ argv: ['--plugins', 'ddp(workers=3)'], registry }) : value
  ) as never;
}

/** Options of explain and the lock functions: `'registry'` stands for the world's registry. */
function lockWhere(value: unknown, registry: PluginRegistry): never {
  return (value === 'registry' ? { registry } : value) as never;
}

const call = fc.record({
  name: fc.constantFrom(...Object.keys(CALLS)),
  a: fc.oneof(anyValue, registration, fc.constant(constant('sources'))),
  b: fc.oneof(anyValue, registration, fc.constant(constant('registry'))),
  c: fc.oneof(anyValue, fc.constant(constant('sources'))),
});

describe('issue 12: the whole public API under arbitrary input', () => {
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown): void => void rejections.push(reason);
  beforeAll(() => {
    process.on('unhandledRejection', onRejection);
  });
  afterAll(() => {
    process.off('unhandledRejection', onRejection);
  });

  it(
    'returns or throws a PluginError, changes nothing when it throws, and pollutes nothing',
    async () => {
      let calls = 0;
      // What an async call rejected with: a PluginError too, checked once they have all settled.
      const settled: Promise<{ name: string; error: unknown } | undefined>[] = [];
      fc.assert(
        fc.property(fc.array(call, CALLS_PER_RUN), (steps) => {
          const world = setup();
          for (const { name, a, b, c } of steps) {
            calls += 1;
            const before = world.snapshot();
            let failure: unknown;
            let failed = false;
            try {
              const result = (CALLS[name] as Call)(world, a(), b(), c());
              if (result instanceof Promise)
                settled.push(
                  result.then(
                    () => undefined,
                    (error: unknown) => ({ name, error }),
                  ),
                );
            } catch (error) {
              failed = true;
              failure = error;
            }
            if (failed) {
              if (!PluginError.is(failure)) {
                const stack = (failure as Error | undefined)?.stack ?? String(failure);
                throw new Error(`${name} threw a non-PluginError: ${stack}`, { cause: failure });
              }
              expect(failure.message.length).toBeLessThanOrEqual(2_100);
              expect(failure.message).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/); // eslint-disable-line no-control-regex -- the point
              expect(world.snapshot()).toEqual(before);
            }
            expectNoPollution();
          }
        }),
        { numRuns: RUNS },
      );
      for (const failure of await Promise.all(settled)) {
        if (failure === undefined) continue;
        if (!PluginError.is(failure.error))
          throw new Error(`${failure.name} rejected with a non-PluginError`, { cause: failure.error });
        expect(failure.error.message.length).toBeLessThanOrEqual(2_100);
        expect(failure.error.message).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/); // eslint-disable-line no-control-regex -- the point
      }
      // Promise handlers run on later ticks: give them a few before looking for unhandled rejections.
      for (let tick = 0; tick < 5; tick += 1) await new Promise((resolve) => setImmediate(resolve));
      expect(rejections).toEqual([]);
      expect(calls).toBeGreaterThanOrEqual(MIN_CALLS);
    },
    SLOW_TEST_TIMEOUT * 2,
  );
});
