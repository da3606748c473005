import 'reflect-metadata';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { container as tsyringeRoot } from 'tsyringe';
import { z } from 'zod';
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
  pluginsJsonSchema,
  pluginToken,
  readPluginsOption,
  registerPlugin,
  reviewPluginSelection,
  type StandardSchemaV1,
} from 'plugboard';
import { checkPluginConformance, createTestContainer, overridePlugin, withPluginOverrides } from 'plugboard/testing';
import { pluginAliasToken, pluginKindToken, registerPlugins, type PluginKindLookup } from 'plugboard/tsyringe';
import { SLOW_TEST_TIMEOUT, expectNoPollution, thrown } from './support.js';

// issue 12 (and round 3's new entry points): every public function and method of the library (the file-system ones, discover and the manifest
// functions, are tested by their own suites), called with arbitrary and hostile values, returns or throws a
// PluginError; a call that throws leaves listings, look-ups and container resolutions as they were; nothing
// reaches Object.prototype, and no promise is left rejected without a handler.

const RUNS = 750;
// eslint-disable-next-line no-control-regex -- the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
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
              // Plain checks first, expect() on a failure only (for its message): it runs on every throwing call.
              const { message } = failure;
              if (message.length > 2_100) expect(message.length).toBeLessThanOrEqual(2_100);
              if (CONTROL.test(message)) expect(message).not.toMatch(CONTROL);
              const after = world.snapshot();
              if (!isDeepStrictEqual(after, before)) expect(after).toEqual(before);
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

// issue 22: a key one edit away from a known key, in any options object of the public API, is refused with a
// did-you-mean naming the key it is near; and a config's object items are judged exactly as the same items
// written as text.

const NEAR_MISS_RUNS = 400;

class FileLogger {
  constructor(readonly options: unknown) {}
}

function nearMissWorld() {
  const registry = new PluginRegistry();
  registry.register(DdpStrategy, { alias: 'ddp', kind: 'strategy', params: { workers: 2, bucketMb: 25 } });
  registry.register(DdpStrategy, {
    alias: 'tuned',
    kind: 'strategy',
    params: { workers: 4 },
    schema: z.object({ workers: z.number().int().positive(), bucketMb: z.number().optional() }),
  });
  registry.register(FileLogger, {
    alias: 'file',
    kind: 'logger',
    schema: z.object({ level: z.number().default(1), path: z.string().optional() }),
  });
  registry.register(FileLogger, { alias: 'fsdp', kind: 'strategy', scope: 'singleton', params: { shards: 2 } });
  return { registry, resolver: createPluginContainer({ registry }).get(PluginResolver) };
}
type NearMissWorld = ReturnType<typeof nearMissWorld>;

/** An options object of the public API: the keys it knows, and a call that hands it `options`. */
interface OptionsTarget {
  readonly keys: readonly string[];
  readonly call: (world: NearMissWorld, options: Record<string, unknown>) => unknown;
}

const REGISTRATION_KEYS = [
  'after',
  'alias',
  'allowUnknownOptions',
  'before',
  'check',
  'description',
  'incompatibleWith',
  'inject',
  'kind',
  'optionKeys',
  'order',
  'override',
  'params',
  'recommend',
  'recommendedWhen',
  'registry',
  'requires',
  'schema',
  'scope',
  'secretOptions',
  'setupTimeoutMs',
];

const OPTIONS_TARGETS: Record<string, OptionsTarget> = {
  register: {
    keys: REGISTRATION_KEYS,
    call: ({ registry }, options) => registry.register(DdpStrategy, { alias: 'other', ...options }),
  },
  decorator: {
    keys: REGISTRATION_KEYS,
    call: ({ registry }, options) => RegisterPlugin({ alias: 'other', registry, ...options } as never),
  },
  defineKind: {
    keys: ['exclusive', 'default', 'required'],
    call: ({ registry }, o) => {
      registry.defineKind('k', o);
    },
  },
  createPluginContainer: {
    keys: ['registry', 'parent', 'setupTimeoutMs'],
    call: ({ registry }, options) => createPluginContainer({ registry, ...options }),
  },
  newPluginRegistry: { keys: ['sources', 'host'], call: (_, options) => new PluginRegistry(options) },
  createTestContainer: { keys: ['registry', 'parent'], call: (_, options) => createTestContainer(options) },
  availablePlugins: {
    keys: ['kind', 'withDescriptions', 'withRecommendations'],
    call: ({ registry }, options) => registry.availablePlugins(options),
  },
  list: { keys: ['kind'], call: ({ registry }, options) => registry.list(options) },
  recommend: { keys: ['kind'], call: ({ registry }, options) => registry.recommend({}, options) },
  deprecate: { keys: ['message'], call: ({ registry }, options) => registry.deprecate('was_ddp', 'ddp', options) },
  overridePlugin: {
    keys: ['allowNew', 'kind', 'dispose'],
    call: ({ registry }, options) => overridePlugin(registry, 'ddp', new DdpStrategy({}), options),
  },
  readPluginsOption: {
    keys: ['argv', 'env', 'config', 'flag', 'envVar', 'configKey', 'registry'],
    call: (_, options) => readPluginsOption(options),
  },
  parsePluginSelection: { keys: ['registry'], call: (_, options) => parsePluginSelection('ddp', options) },
  pluginsJsonSchema: {
    keys: ['draft', 'kind', 'config', 'configKey'],
    call: ({ registry }, options) => pluginsJsonSchema(registry, options),
  },
  resolveOptions: { keys: ['workers', 'bucketMb'], call: ({ resolver }, options) => resolver.resolve('ddp', options) },
  resolveSchemaOptions: {
    keys: ['workers', 'bucketMb'],
    call: ({ resolver }, options) => resolver.resolve('tuned', options),
  },
  resolveZodOptions: { keys: ['level', 'path'], call: ({ resolver }, options) => resolver.resolve('file', options) },
  textOptions: {
    keys: ['workers', 'bucketMb'],
    call: ({ registry }, options) =>
      parsePluginSelection(
        `ddp(${Object.keys(options)
          .map((key) => `${key}=1`)
          .join(', ')})`,
        { registry },
      ),
  },
};

const LETTERS = Array.from('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_');

/** `key` changed by one edit: a letter inserted, deleted, replaced, two neighbours swapped, or one's case changed. */
const nearMiss = fc
  .record({
    edit: fc.constantFrom('insert', 'delete', 'replace', 'swap', 'case'),
    at: fc.nat(),
    letter: fc.constantFrom(...LETTERS),
  })
  .map(({ edit, at, letter }) => (key: string): string => {
    const i = at % (key.length + (edit === 'insert' ? 1 : 0));
    if (edit === 'insert') return key.slice(0, i) + letter + key.slice(i);
    if (edit === 'delete') return key.slice(0, i) + key.slice(i + 1);
    if (edit === 'replace') return key.slice(0, i) + letter + key.slice(i + 1);
    if (edit === 'swap')
      return i + 1 < key.length ? key.slice(0, i) + key.charAt(i + 1) + key.charAt(i) + key.slice(i + 2) : key;
    const char = key.charAt(i);
    const swapped = char === char.toUpperCase() ? char.toLowerCase() : char.toUpperCase();
    return key.slice(0, i) + swapped + key.slice(i + 1);
  });

describe('issue 22: near-miss option keys and config object items', () => {
  it('refuses a key one edit away from a known key in every public options object, with a did-you-mean', () => {
    const targets = Object.keys(OPTIONS_TARGETS);
    fc.assert(
      fc.property(fc.constantFrom(...targets), fc.nat(), nearMiss, (name, index, edit) => {
        const target = OPTIONS_TARGETS[name] as OptionsTarget;
        const known = target.keys[index % target.keys.length] as string;
        const key = edit(known);
        fc.pre(key !== '' && !target.keys.includes(key));
        const error = thrown(() => target.call(nearMissWorld(), { [key]: 1 }));

        expect(PluginError.is(error)).toBe(true);
        const message = error.message;
        // The suggestion names the key it is near ("Did you mean "workers"?" or "Did you mean "a" or "b"?").
        const suggested = /[Dd]id you mean ([^?]*)\?/.exec(message)?.[1] ?? '';
        expect(suggested.split(' or ')).toContain(JSON.stringify(known));
      }),
      { numRuns: NEAR_MISS_RUNS },
    );
  });

  /** One plugin of a config: an alias (some unknown, some near misses) and options written as text can write them. */
  const configItem = fc.record(
    {
      alias: fc.constantFrom('ddp', 'dpp', 'DDP', 'tuned', 'file', 'flie', 'fsdp', 'nothing'),
      options: fc.dictionary(
        fc.constantFrom(
          'workers',
          'worker',
          'bucketMb',
          'level',
          'levl',
          'path',
          'shards',
          'x',
          '__proto__',
          'constructor',
        ),
        fc.oneof(fc.integer({ min: -3, max: 5 }), fc.boolean(), fc.constantFrom('a', 'many'), fc.constant(null)),
        { maxKeys: 3 },
      ),
    },
    { requiredKeys: ['alias'] },
  );
  const FORBIDDEN = new Set(['__proto__', 'constructor']);

  /** The item as a config object (own keys only, `__proto__` among them, as JSON.parse makes it). */
  const asObject = (item: { alias: string; options?: Record<string, unknown> }): unknown =>
    JSON.parse(JSON.stringify(item)) as unknown;
  /** The item as selection text. */
  const asText = ({ alias, options }: { alias: string; options?: Record<string, unknown> }): string =>
    options === undefined
      ? alias
      : `${alias}(${Object.entries(options)
          .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
          .join(', ')})`;

  /** What reading a config gives: its choices, or what the error says (a text's position taken out). */
  const outcome = (registry: PluginRegistry, plugins: unknown[]): unknown => {
    try {
      return { choices: readPluginsOption({ config: { plugins }, registry }).choices };
    } catch (error) {
      if (!PluginError.is(error)) return { notPluginError: error };
      const { code, name } = error;
      const details = error as { suggestions?: unknown; issues?: readonly { path: unknown; message: string }[] };
      return {
        code,
        name,
        source: error.message.startsWith('In config plugins: '),
        suggestions: details.suggestions,
        issues: details.issues?.map(({ path, message }) => ({
          path,
          message: message.replace(/ \(at position \d+\)$/, ''),
        })),
      };
    }
  };

  it('judges config object items exactly as the same items written as text, when read', () => {
    const { registry } = nearMissWorld();
    fc.assert(
      fc.property(fc.array(configItem, { minLength: 1, maxLength: 3 }), (items) => {
        // Text stops at the first key that could pollute a prototype; an object lists them all: one at most here.
        fc.pre(items.every((item) => Object.keys(item.options ?? {}).filter((key) => FORBIDDEN.has(key)).length <= 1));
        const fromObjects = outcome(registry, items.map(asObject));
        const fromText = outcome(registry, items.map(asText));

        expect(fromObjects).toEqual(fromText);
        expect(fromObjects).not.toHaveProperty('notPluginError');
      }),
      { numRuns: NEAR_MISS_RUNS },
    );
  });
});
