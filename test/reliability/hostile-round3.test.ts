import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  PluginDisposalError,
  PluginError,
  PluginLockError,
  PluginResolver,
  PluginRegistry,
  checkPluginLock,
  checkPluginSelection,
  createPluginContainer,
  createPluginLock,
  disposePluginContainer,
  explainPluginSelection,
  readPluginsOption,
  reviewPluginSelection,
  type PluginLock,
  type StandardSchemaV1,
} from 'plugboard';
import { checkPluginConformance } from 'plugboard/testing';
import { SLOW_TEST_TIMEOUT, deeplyNested, expectNoPollution, expectPluginError, thrown } from './support.js';

// The attacker's audit of round 3's public APIs (issues 22, 24, 25, 27): explain and lock, order declarations,
// the conformance kit. Each test failed on main before its fix, or pins a promise docs/guarantees.md makes.

class Plugin {
  constructor(readonly options: unknown) {}
}

/** Any control character but line feed: none may reach a message. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

const SECRET = 'hunter2-secret';

/** A schema that fills in `token` (a secret) when it is missing, and wants `level` to be a number. */
const tokenSchema: StandardSchemaV1 = {
  '~standard': {
    version: 1,
    vendor: 'test',
    validate: (value) => {
      const options: Record<string, unknown> = { token: SECRET, ...(value as Record<string, unknown>) };
      return typeof options.level === 'string'
        ? { issues: [{ message: 'level must be a number', path: ['level'] }] }
        : { value: options };
    },
  },
};

function registryWithSecrets(): PluginRegistry {
  const registry = new PluginRegistry({ sources: false });
  registry.register(Plugin, { alias: 'ddp', kind: 'strategy', params: { workers: 2 } });
  registry.register(Plugin, { alias: 'wandb', kind: 'logger', secretOptions: ['token', 'auth'] });
  registry.register(Plugin, {
    alias: 'mlflow',
    kind: 'tracker',
    schema: tokenSchema,
    secretOptions: ['token'],
  });
  registry.register(Plugin, { alias: 'neptune', kind: 'monitor', params: { token: SECRET }, secretOptions: ['token'] });
  registry.deprecate('old_wandb', 'wandb');
  registry.deprecate('old_neptune', 'neptune');
  return registry;
}

const fromText = (registry: PluginRegistry, text: string) => readPluginsOption({ argv: ['--plugins', text], registry });

/** A valid lock of `ddp`, as parsed JSON, with `hash` spoiled so that every difference is computed. */
function lockToEdit(): { registry: PluginRegistry; lock: Record<string, unknown> & { plugins: unknown[] } } {
  const registry = registryWithSecrets();
  const lock = JSON.parse(JSON.stringify(createPluginLock(fromText(registry, 'ddp'), { registry }))) as Record<
    string,
    unknown
  > & { plugins: Record<string, unknown>[] };
  lock.hash = 'sha256:spoiled';
  return { registry, lock };
}

const rejections: unknown[] = [];
const onRejection = (reason: unknown): void => void rejections.push(reason);
beforeAll(() => {
  process.on('unhandledRejection', onRejection);
});
afterAll(() => {
  process.off('unhandledRejection', onRejection);
  expect(rejections).toEqual([]);
});

describe('checkPluginLock: a lock is outside input', () => {
  it('escapes and cuts the kinds, packages, versions, modules and aliases of a hostile lock in its messages', () => {
    const { registry, lock } = lockToEdit();
    const ddp = lock.plugins[0] as Record<string, unknown>;
    lock.plugins = [
      { ...ddp, alias: 'gone\u001b[31m', kind: 'strat\u001b]0;pwned\u0007' },
      { ...ddp, package: { name: 'evil\u001b[2J', version: '1.0.0\u202e' }, module: `m\u0007${'x'.repeat(5_000)}` },
      ...Array.from({ length: 1_000 }, (_, index) => ({ ...ddp, alias: `p${String(index)}\u009b`, kind: 'k' })),
    ];
    lock.plugins.push(lock.plugins.splice(1, 1)[0]); // ddp last: its order changed too
    const { differences } = checkPluginLock(lock, { registry });
    for (const { message } of differences) {
      expect(message).not.toMatch(CONTROL);
      expect(message.length).toBeLessThanOrEqual(2_000);
    }
    const messages = differences.map(({ message }) => message);
    expect(messages).toContain('plugin "gone\\u001b[31m" (strat\\u001b]0;pwned\\u0007) removed');
    expect(messages).toContain('"ddp" package evil\\u001b[2J@1.0.0\\u202e -> (none)');
    expect(messages).toContain(`"ddp" module m\\u0007${'x'.repeat(78)}… -> (unknown) (sha256 (unknown) -> (unknown))`);
    // The data keeps what the lock holds.
    expect(differences.find((difference) => difference.type === 'package')?.from).toBe('evil\u001b[2J@1.0.0\u202e');
  });

  it('lists at most 20 aliases of a changed order', () => {
    const registry = new PluginRegistry({ sources: false });
    const aliases = Array.from({ length: 200 }, (_, index) => `p${String(index)}`);
    for (const alias of aliases) registry.register(Plugin, { alias, kind: alias });
    const read = { choices: aliases.map((alias) => ({ alias })), source: 'code' };
    const lock = JSON.parse(JSON.stringify(createPluginLock(read, { registry }))) as PluginLock;
    const reversed = { ...read, choices: [...read.choices].reverse() };
    const { differences } = checkPluginLock(lock, { registry, selection: reversed });
    expect(differences.map(({ type }) => type)).toEqual(['order']);
    expect(differences[0]?.message).toMatch(
      /^order changed: p0, p1, .*, p19 \(and 180 more\) -> p199, .* \(and 180 more\)$/,
    );
  });

  it('refuses a lock nested too deeply, containing itself, or of exponential size with PluginLockError', () => {
    const { registry, lock } = lockToEdit();
    const ddp = lock.plugins[0] as Record<string, unknown>;
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    let shared: unknown[] = [];
    for (let level = 0; level < 60; level += 1) shared = [shared, shared]; // 2^60 paths through 120 objects
    for (const options of [{ workers: deeplyNested(100_000, 'array') }, cyclic, { shared }]) {
      lock.plugins = [{ ...ddp, options }];
      const error = thrown(() => checkPluginLock(lock, { registry }));
      expectPluginError(error, 'PLUGIN_INVALID_LOCK');
      expect(error).toBeInstanceOf(PluginLockError);
    }
    lock.plugins = [{ ...ddp, options: cyclic }];
    expect(thrown(() => checkPluginLock(lock, { registry })).message).toBe(
      'Not a plugin lock this version of plugboard reads (lockVersion 1): it is nested deeper than 100 levels ' +
        '(or contains itself). Write it again with "plugboard lock --selection ... --out FILE" or createPluginLock().',
    );
  });

  it('reads each getter of a lock once, so a lock cannot change between its check and its use', () => {
    const { registry, lock } = lockToEdit();
    let reads = 0;
    const plugins = lock.plugins;
    Object.defineProperty(lock, 'plugins', {
      enumerable: true,
      get: () => {
        reads += 1;
        return reads === 1 ? plugins : 42;
      },
    });
    const result = checkPluginLock(lock, { registry });
    expect(result.differences).toEqual([]);
    expect(reads).toBe(1);
  });

  it(
    'compares a lock of 200,000 plugins with a selection of 10,000 in linear time (not removed × added)',
    () => {
      const { registry, lock } = lockToEdit();
      const ddp = lock.plugins[0] as Record<string, unknown>;
      lock.plugins = Array.from({ length: 200_000 }, (_, index) => ({
        ...ddp,
        alias: `a${String(index)}`,
        kind: `k${String(index % 2)}`,
      }));
      const selection = {
        choices: Array.from({ length: 10_000 }, (_, index) => ({ alias: `n${String(index)}` })),
        source: 'code',
      };
      for (const { alias } of selection.choices) registry.register(Plugin, { alias, kind: 'other' });
      const started = performance.now();
      const { differences } = checkPluginLock(lock, { registry, selection });
      expect(performance.now() - started).toBeLessThan(20_000);
      expect(differences.filter(({ type }) => type === 'removed')).toHaveLength(200_000);
      expect(differences.filter(({ type }) => type === 'added')).toHaveLength(10_000);
    },
    SLOW_TEST_TIMEOUT,
  );

  it('keeps the __proto__ keys of a parsed lock as data, and pollutes nothing', () => {
    const { registry } = lockToEdit();
    const text =
      '{"hash":"x","lockVersion":1,"plugins":[{"alias":"__proto__","kind":"__proto__","default":false,' +
      '"module":null,"package":null,"sha256":null,"options":{"__proto__":{"polluted":1}}}],' +
      '"selection":[{"alias":"ddp"}]}';
    const { differences } = checkPluginLock(JSON.parse(text), { registry });
    expect(differences.map(({ type, alias }) => [type, alias])).toEqual([
      ['removed', '__proto__'],
      ['added', 'ddp'],
    ]);
    expectNoPollution();
    const withOptions = text.replace(
      '"selection":[{"alias":"ddp"}]',
      '"selection":[{"alias":"ddp","options":{"__proto__":{"polluted":1}}}]',
    );
    expectPluginError(
      thrown(() => checkPluginLock(JSON.parse(withOptions), { registry })),
      'PLUGIN_INVALID_OPTIONS',
    );
    expectNoPollution();
  });
});

describe('explain and lock arguments', () => {
  it('refuse a revoked Proxy as options with PluginSelectionError, not a TypeError', () => {
    const registry = registryWithSecrets();
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const read = fromText(registry, 'ddp');
    for (const call of [
      () => explainPluginSelection(read, proxy),
      () => createPluginLock(read, proxy),
      () => checkPluginLock(createPluginLock(read, { registry }), proxy),
    ]) {
      expectPluginError(thrown(call), 'PLUGIN_INVALID_SELECTION');
    }
  });

  it('checkPluginLock refuses a lock whose getPrototypeOf trap throws with PluginLockError', () => {
    const registry = registryWithSecrets();
    const lock = new Proxy({}, { getPrototypeOf: () => { throw new Error('getPrototypeOf trap'); } }); // prettier-ignore
    expectPluginError(
      thrown(() => checkPluginLock(lock, { registry })),
      'PLUGIN_INVALID_LOCK',
    );
  });
});

describe('inject', () => {
  it('refuses a list of a million dependencies at once, naming its length and the limit', () => {
    const registry = new PluginRegistry({ sources: false });
    for (const inject of [new Array<unknown>(1_000_000).fill('token'), new Array<unknown>(2 ** 32 - 1)]) {
      const started = performance.now();
      const error = thrown(() => registry.register(Plugin, { alias: 'many', kind: 'k', inject } as never));
      expect(performance.now() - started).toBeLessThan(1_000);
      expectPluginError(error, 'PLUGIN_INVALID_REGISTRATION');
      expect(error.message).toBe(
        'Plugin "many": inject must be an array of the constructor\'s dependencies, such as [PLUGIN_OPTIONS, ' +
          `Logger], got an array of ${String(inject.length)} (at most 1000).`,
      );
    }
    expect(registry.has('many')).toBe(false);
  });
});

describe('host compatibility arguments', () => {
  it('new PluginRegistry({ host }) refuses a revoked Proxy and an array with PluginRegistrationError', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    for (const host of [proxy, ['x', '1.0.0']]) {
      const error = thrown(() => new PluginRegistry({ host } as never));
      expectPluginError(error, 'PLUGIN_INVALID_REGISTRATION');
      expect(error.message).toContain('new PluginRegistry(options): host must be { name: string, version: string }');
    }
  });
});

describe('explain and lock never show a secret option', () => {
  it.each([
    ['typed as registered', `wandb(token='${SECRET}')`],
    ['typed in another case', `WANDB(token='${SECRET}')`],
    ['nested in an object', `wandb(auth.user=me, auth.pass='${SECRET}')`],
    ['through a deprecated alias', `old_wandb(token='${SECRET}')`],
    ['from a schema default', 'mlflow'],
    ['from params through a deprecated alias', 'old_neptune'],
    ['twice, in a kind that is not exclusive', `wandb(token='${SECRET}'), Wandb(token='${SECRET}x')`],
  ])('%s', (_, text) => {
    const registry = registryWithSecrets();
    const read = fromText(registry, text);
    const lock = createPluginLock(read, { registry });
    const explanation = explainPluginSelection(read, { registry });
    expect(JSON.stringify(lock)).not.toContain(SECRET);
    expect(JSON.stringify(explanation)).not.toContain(SECRET);
    const { differences } = checkPluginLock(lock, {
      registry,
      selection: fromText(registry, text.replace(SECRET, 'other')),
    });
    expect(JSON.stringify(differences)).not.toContain(SECRET);
  });

  it('nor does an error about the selection', () => {
    const registry = registryWithSecrets();
    // Not covered: readPluginsOption's own syntax errors show the text typed, options and all (an unknown
    // alias's secret keys are not known).
    const choices = [{ alias: 'mlflow', options: { token: SECRET, level: 'high' } }];
    const unknown = [{ alias: 'wandbb', options: { token: SECRET } }];
    for (const call of [
      () => explainPluginSelection(fromText(registry, `mlflow(token='${SECRET}', level=high)`), { registry }),
      () => explainPluginSelection({ choices, source: 'code' }, { registry }),
      () => createPluginLock({ choices, source: 'code' }, { registry }),
      () => createPluginLock({ choices: unknown, source: 'code' }, { registry }),
    ]) {
      const error = thrown(call);
      expect(PluginError.is(error)).toBe(true);
      expect(error.message).not.toContain(SECRET);
    }
  });
});

describe('order declarations cost time linear in the selection', () => {
  it(
    'orders, reviews, explains and locks 10,000 plugins that each declare an order',
    () => {
      const registry = new PluginRegistry({ sources: false });
      const size = 10_000;
      for (let index = 0; index < size; index += 1) {
        registry.register(Plugin, {
          alias: `p${String(index)}`,
          kind: index % 3 === 0 ? 'callback' : `k${String(index)}`,
          ...(index > 0 ? { after: [`p${String(index - 1)}`] } : {}),
          ...(index % 3 === 0 ? { order: index % 2 === 0 ? ('first' as const) : ('last' as const) } : {}),
        });
      }
      const choices = Array.from({ length: size }, (_, index) => ({ alias: `p${String(size - 1 - index)}` }));
      const started = performance.now();
      // Each p(n) runs after p(n-1); the first and last callbacks are held by their kind as well: a cycle.
      const error = thrown(() => checkPluginSelection(choices, registry));
      expectPluginError(error, 'PLUGIN_CONSTRAINT');
      expect(reviewPluginSelection(choices, registry).problems.length).toBeGreaterThan(0);
      expectPluginError(
        thrown(() => explainPluginSelection({ choices, source: 'code' }, { registry })),
        'PLUGIN_CONSTRAINT',
      );
      expect(performance.now() - started).toBeLessThan(10_000);
    },
    SLOW_TEST_TIMEOUT,
  );

  it(
    'places 10,000 plugins of one kind, half of them first, in the order they ask for',
    () => {
      const registry = new PluginRegistry({ sources: false });
      const size = 10_000;
      for (let index = 0; index < size; index += 1) {
        registry.register(Plugin, {
          alias: `p${String(index)}`,
          kind: 'callback',
          ...(index % 2 === 1 ? { order: 'first' as const } : {}),
          ...(index % 5 === 0 ? { order: 'last' as const } : {}),
        });
      }
      const read = {
        choices: Array.from({ length: size }, (_, index) => ({ alias: `p${String(index)}` })),
        source: 'code',
      };
      const started = performance.now();
      const { plugins } = explainPluginSelection(read, { registry });
      expect(performance.now() - started).toBeLessThan(10_000);
      const order = plugins.map(({ alias }) => Number(alias.slice(1)));
      const rank = (index: number): number => (index % 5 === 0 ? 2 : index % 2 === 1 ? 0 : 1);
      expect(order).toEqual([...order].sort((a, b) => rank(a) - rank(b) || a - b));
    },
    SLOW_TEST_TIMEOUT,
  );
});

describe('disposers that throw odd values', () => {
  it('give a PluginDisposalError with a bounded, escaped message, whatever they throw', async () => {
    const registry = new PluginRegistry({ sources: false });
    const thrownValues: unknown[] = [
      Object.create(null),
      new Error(`\u001b]0;pwned\u0007${'x'.repeat(1_000_000)}`),
      { toString: () => { throw new Error('toString'); } }, // prettier-ignore
    ];
    for (let index = 0; index < 30; index += 1) {
      const value = thrownValues[index % thrownValues.length];
      registry.register(
        class {
          [Symbol.dispose](): void {
            throw value;
          }
        },
        { alias: `p${String(index)}`, kind: 'k', scope: 'singleton' },
      );
    }
    const container = createPluginContainer({ registry });
    const resolver = container.get(PluginResolver);
    for (let index = 0; index < 30; index += 1) resolver.resolve(`p${String(index)}` as never);
    const error = await disposePluginContainer(container).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expectPluginError(error, 'PLUGIN_DISPOSAL_FAILED');
    expect(error.message).not.toMatch(CONTROL);
    expect(error.message).toContain('... and 10 more (see error.failures)');
    expect(error).toBeInstanceOf(PluginDisposalError);
    expect(error).toHaveProperty('failures.length', 30);
  });
});

describe('checkPluginConformance', () => {
  it('rejects with PluginRegistrationError, not a TypeError, for options or aliases it cannot read', async () => {
    const registry = registryWithSecrets();
    const hostile = [
      new Proxy(['ddp'], { get: () => { throw new Error('get trap'); } }), // prettier-ignore
      Object.defineProperty(['ddp'], 0, { get: () => { throw new Error('index getter'); } }), // prettier-ignore
    ];
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const error = await checkPluginConformance(registry, proxy).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expectPluginError(error, 'PLUGIN_INVALID_REGISTRATION');
    for (const aliases of hostile) {
      const error = await checkPluginConformance(registry, { aliases }).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expectPluginError(error, 'PLUGIN_INVALID_REGISTRATION');
    }
  });
});
