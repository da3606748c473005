import { describe, expect, it } from '@jest/globals';
import {
  PluginDisposalError,
  PluginRegistry,
  PluginResolver,
  checkPluginSelection,
  createPluginContainer,
  disposePluginContainer,
} from 'plugboard';
import { overridePlugin } from 'plugboard/testing';
import { expectPluginError, rejected, thrown } from './support.js';

// Review of issues 12 and 14: the calls this round added (async resolves, scopes, rules, container disposal,
// overridePlugin's dispose option) meet hostile values with a PluginError, never a raw error.

/** A plugin whose instance is a Proxy that throws on every symbol it is asked for (dispose, set-up). */
class Trap {
  constructor() {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- a hostile instance is the point
    return new Proxy(
      {},
      {
        get(_target, key) {
          if (typeof key === 'symbol') throw new Error('symbol trap');
          return undefined;
        },
      },
    );
  }
}
class Plain {}

function resolverOf(registry: PluginRegistry): PluginResolver {
  return createPluginContainer({ registry }).get(PluginResolver);
}

describe('hostile values meet the lifecycle and rules', () => {
  it('builds an instance whose Proxy traps throw, asynchronously and inside a scope, without a raw error', async () => {
    const registry = new PluginRegistry();
    registry.register(Trap, { alias: 'trap' });
    const resolver = resolverOf(registry);

    await expect(resolver.resolveAsync('trap')).resolves.toBeDefined();
    const scope = resolver.scope();
    scope.resolve('trap');
    // Issue 22: a disposer that cannot be read is a disposal failure (a PluginDisposalError), no longer taken for
    // an instance with nothing to dispose.
    expect(() => {
      scope[Symbol.dispose]();
    }).toThrow(PluginDisposalError);
    expect(scope.disposed).toBe(true);
  });

  it('turns a check that throws a Proxy into a violation', () => {
    const registry = new PluginRegistry();
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('get trap');
        },
        getPrototypeOf() {
          throw new Error('prototype trap');
        },
      },
    );
    registry.register(Plain, {
      alias: 'a',
      check: () => {
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- the hostile value is the point
        throw hostile;
      },
    });

    expectPluginError(
      thrown(() => checkPluginSelection('a', registry)),
      'PLUGIN_CONSTRAINT',
    );
  });

  it('refuses options with a throwing getter when rules read them', () => {
    const registry = new PluginRegistry();
    registry.register(Plain, { alias: 'a', params: { x: 1 }, check: () => undefined });
    const options = {
      get x(): number {
        throw new Error('boom');
      },
    };

    expectPluginError(
      thrown(() => checkPluginSelection([{ alias: 'a', options }], registry)),
      'PLUGIN_INVALID_OPTIONS',
    );
    expectPluginError(
      thrown(() => resolverOf(registry).resolveAll([{ alias: 'a', options }])),
      'PLUGIN_INVALID_OPTIONS',
    );
  });

  it('refuses a Promise in a selection: a forgotten await', async () => {
    const registry = new PluginRegistry();
    registry.register(Plain, { alias: 'a' });
    const promise = Promise.resolve(new Plain());

    expectPluginError(
      thrown(() => resolverOf(registry).resolveAll([promise])),
      'PLUGIN_INVALID_SELECTION',
    );
    expectPluginError(await rejected(resolverOf(registry).resolveAllAsync([promise])), 'PLUGIN_INVALID_SELECTION');
  });

  it('refuses a dispose option of overridePlugin that is not a boolean', () => {
    const registry = new PluginRegistry();
    registry.register(Plain, { alias: 'a' });

    expectPluginError(
      thrown(() => overridePlugin(registry, 'a', new Plain(), { dispose: 'yes' as unknown as boolean })),
      'PLUGIN_INVALID_REGISTRATION',
    );
  });

  it('refuses to dispose what is not a plugin container', async () => {
    for (const value of [
      {},
      null,
      new Proxy(
        {},
        {
          get: () => {
            throw new Error('trap');
          },
        },
      ),
    ]) {
      expectPluginError(await rejected(disposePluginContainer(value as never)), 'PLUGIN_INVALID_REGISTRATION');
    }
  });
});
