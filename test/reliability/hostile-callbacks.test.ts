import 'reflect-metadata';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { container as rootContainer } from 'tsyringe';
import {
  PluginConstraintError,
  PluginRegistry,
  PluginResolver,
  checkPluginSelection,
  createPluginContainer,
  type PluginCheck,
} from 'plugboard';
import { registerPlugins } from 'plugboard/tsyringe';
import { MAX_MESSAGE_LENGTH, expectPluginError, rejected, thrown } from './support.js';

class Strategy {
  constructor(readonly options: unknown) {}
}

/** A registry whose plugin `gpu` has `check` as its predicate. */
function registryWith(check: unknown): PluginRegistry {
  const registry = new PluginRegistry();
  registry.register(Strategy, { alias: 'gpu', kind: 'strategy', check: check as PluginCheck });
  return registry;
}

/** Every way a selection is checked: through inversify, the function, and the tsyringe adapter. */
const checkers: [string, (registry: PluginRegistry) => unknown][] = [
  ['resolveAll', (registry) => createPluginContainer({ registry }).get(PluginResolver).resolveAll('gpu')],
  ['checkPluginSelection', (registry) => checkPluginSelection('gpu', registry)],
  ['resolveAllAsync', (registry) => createPluginContainer({ registry }).get(PluginResolver).resolveAllAsync('gpu')],
  [
    'the tsyringe adapter',
    (registry) => {
      const container = rootContainer.createChildContainer();
      registerPlugins(container, registry);
      return container.resolve(PluginResolver).resolveAll('gpu');
    },
  ],
];

/** What checking the selection throws or rejects with. */
async function failure(check: (registry: PluginRegistry) => unknown, registry: PluginRegistry): Promise<unknown> {
  let result: unknown;
  try {
    result = check(registry);
  } catch (error) {
    return error;
  }
  return rejected(result as Promise<unknown>);
}

/** Lets promise jobs and Node's unhandled-rejection check run. */
async function settle(): Promise<void> {
  for (let tick = 0; tick < 5; tick += 1) await new Promise((resolve) => setImmediate(resolve));
}

describe('issue 22: a check predicate that is asynchronous or hostile', () => {
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown): void => void rejections.push(reason);
  beforeEach(() => {
    rejections.length = 0;
    process.on('unhandledRejection', onRejection);
  });
  afterEach(() => {
    process.off('unhandledRejection', onRejection);
  });

  const thenables: [string, () => unknown, string][] = [
    [
      'a rejecting async function',
      () => Promise.reject(new Error('no GPU')),
      'its check returned a promise; a check must be synchronous and return a string or undefined',
    ],
    [
      'a thenable that rejects',
      () => ({
        then: (_: unknown, reject: (error: unknown) => void) => {
          reject(new Error('no GPU'));
        },
      }),
      'its check returned a promise; a check must be synchronous and return a string or undefined',
    ],
    [
      'a thenable whose then throws',
      () => ({
        then() {
          throw new Error('then threw');
        },
      }),
      'its check returned a promise; a check must be synchronous and return a string or undefined',
    ],
    [
      'an object whose then getter throws',
      () => ({
        get then(): never {
          throw new Error('getter threw');
        },
      }),
      'its check returned an object whose "then" getter throws; a check must return a string or undefined',
    ],
  ];

  for (const [through, check] of checkers) {
    it.each(thenables)(
      `reports %s as a broken check through ${through}, and leaves no unhandled rejection`,
      async (_, predicate, text) => {
        const error = await failure(check, registryWith(predicate));

        expectPluginError(error, 'PLUGIN_CONSTRAINT');
        expect(error).toBeInstanceOf(PluginConstraintError);
        expect((error as unknown as PluginConstraintError).violations.map((v) => v.reason)).toEqual([
          `"gpu": ${text} (check)`,
        ]);
        await settle();
        expect(rejections).toEqual([]);
      },
    );
  }

  it('leaves no unhandled rejection from an async check whose promise rejects after the selection was refused', async () => {
    let reject: (error: Error) => void = () => undefined;
    const registry = registryWith(
      () =>
        new Promise((_, fail) => {
          reject = fail;
        }),
    );

    thrown(() => checkPluginSelection('gpu', registry));
    reject(new Error('late'));
    await settle();

    expect(rejections).toEqual([]);
  });
});

describe('issue 22: the cost of checking is bounded by the input', () => {
  it('checks 100,000 unknown required aliases without taking the call site again for each', () => {
    const registry = new PluginRegistry();
    const missing = Array.from({ length: 100_000 }, (_, index) => `missing_${String(index)}`);
    registry.register(Strategy, { alias: 'gpu', requires: missing });
    // eslint-disable-next-line @typescript-eslint/unbound-method -- put back as it was below
    const prepare = Error.prepareStackTrace;
    let stacks = 0;
    Error.prepareStackTrace = (error: Error, frames: NodeJS.CallSite[]): unknown => {
      stacks += 1;
      if ((prepare as typeof prepare | undefined) !== undefined) return prepare(error, frames) as unknown;
      const lines = frames.map((f) => `    at ${f.getFileName() ?? ''}:${String(f.getLineNumber())}:1`);
      return [Error.prototype.toString.call(error), ...lines].join('\n');
    };
    const started = performance.now();
    let error: PluginConstraintError;
    try {
      error = thrown<PluginConstraintError>(() => checkPluginSelection('gpu', registry));
    } finally {
      Error.prepareStackTrace = prepare;
    }
    const elapsed = performance.now() - started;

    expectPluginError(error, 'PLUGIN_CONSTRAINT');
    expect(error.violations).toHaveLength(100_000);
    expect(error.violations[99_999]?.source).toMatch(/hostile-callbacks\.test\.ts:\d+$/);
    // The error's own stack and the registration's, not one per violation.
    expect(stacks).toBeLessThanOrEqual(2);
    expect(error.message).toContain('... and ');
    // Generous: only quadratic work (or a stack per violation) takes this long.
    expect(elapsed).toBeLessThan(5_000);
  });

  it.each([
    ['5 MB of text', () => 'x'.repeat(5_000_000)],
    ['5 MB of control characters', () => '\u001b'.repeat(5_000_000)],
  ])('keeps the message of a check that returns %s within 2,000 characters', (_, check) => {
    const error = thrown(() => checkPluginSelection('gpu', registryWith(check)));

    expectPluginError(error, 'PLUGIN_CONSTRAINT');
    expect(error.message.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
  });

  it('keeps the message of 5,000 broken requires within 2,000 characters, and every violation in the error', () => {
    const registry = new PluginRegistry();
    for (let index = 0; index < 5_000; index += 1) {
      registry.register(Strategy, { alias: `p${String(index)}`, requires: [`q${String(index)}`.repeat(20)] });
    }
    const selection = Array.from({ length: 5_000 }, (_, index) => `p${String(index)}`);

    const error = thrown<PluginConstraintError>(() => checkPluginSelection(selection, registry));

    expectPluginError(error, 'PLUGIN_CONSTRAINT');
    expect(error.message.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
    expect(error.message).toMatch(/\.\.\. and \d+ more \(see error\.violations\)$/);
    expect(error.violations).toHaveLength(5_000);
  });
});

describe('issue 22: a recommend predicate that is asynchronous', () => {
  it('is refused with a typed error that says so, and its rejection is handled', async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown): void => void rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    const registry = new PluginRegistry();
    registry.register(Strategy, {
      alias: 'gpu',
      recommend: (() => Promise.reject(new Error('no GPU'))) as unknown as () => boolean,
    });

    const error = thrown(() => registry.recommend({}));
    await settle();
    process.off('unhandledRejection', onRejection);

    expectPluginError(error, 'PLUGIN_INVALID_REGISTRATION');
    expect(error.message).toBe(
      'The recommend() predicate of plugin "gpu" returned a promise; it must be synchronous and return a boolean or a score.',
    );
    expect(rejections).toEqual([]);
  });
});

describe('issue 22: rule declarations that throw', () => {
  const boom = (): never => {
    throw new Error('boom');
  };
  const throwingArray = (): unknown =>
    new Proxy(['ddp'], {
      get: (target, key, receiver): unknown => (key === 'length' ? boom() : Reflect.get(target, key, receiver)),
    });
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  it.each<[string, Record<string, unknown>]>([
    ['requires with a throwing kind getter', { requires: { get strategy(): never { return boom(); } } }], // prettier-ignore
    ['requires as a Proxy whose ownKeys throws', { requires: new Proxy({}, { ownKeys: boom }) }],
    ['requires as an array whose length throws', { requires: throwingArray() }],
    ['requires as a revoked Proxy', { requires: revoked.proxy }],
    ['incompatibleWith holding { kind } with a throwing getter', { incompatibleWith: [{ get kind(): never { return boom(); } }] }], // prettier-ignore
    ['incompatibleWith as an array whose length throws', { incompatibleWith: throwingArray() }],
  ])('refuses %s with PluginRegistrationError and registers nothing', (_, rules) => {
    const registry = new PluginRegistry();

    const error = thrown(() => registry.register(Strategy, { alias: 'gpu', ...rules }));

    expectPluginError(error, 'PLUGIN_INVALID_REGISTRATION');
    expect(error.message).toMatch(/^Plugin "gpu": /);
    expect(registry.has('gpu')).toBe(false);
    expect(registry.list()).toEqual([]);
  });

  it('names what threw and how to fix it', () => {
    const registry = new PluginRegistry();

    const error = thrown(
      () =>
      registry.register(Strategy, { alias: 'gpu', requires: { get strategy(): never { return boom(); } } }), // prettier-ignore
    );

    expect(error.message).toBe(
      'Plugin "gpu": reading its rules (requires, incompatibleWith, check) threw: boom. Declare them as plain arrays and objects.',
    );
  });
});
