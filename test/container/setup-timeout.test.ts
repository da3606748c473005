import { describe, expect, it } from '@jest/globals';
import { ContainerModule } from 'inversify';
import {
  PluginCreationError,
  PluginError,
  PluginRegistrationError,
  PluginRegistry,
  PluginResolver,
  PluginSetupTimeoutError,
  createPluginContainer,
  disposePluginContainer,
  pluginModule,
  pluginSetup,
} from 'plugboard';
import { thrown } from '../support/thrown.js';
import { within } from '../support/within.js';

// Issue 24, set-up time limits: a set-up that never finishes rejects with PluginSetupTimeoutError naming the
// plugin; what the call built is disposed, and so is the late instance when its set-up finally settles.

/** A gate a set-up waits on; `open` lets it finish (or fail), whenever the test says. */
function gate(): { wait: Promise<void>; open: () => void; fail: () => void } {
  let open = (): void => undefined;
  let fail = (): void => undefined;
  const wait = new Promise<void>((resolve, reject) => {
    open = () => {
      resolve();
    };
    fail = () => {
      reject(new Error('late failure'));
    };
  });
  return { wait, open, fail };
}

function plugins(events: string[], slow: Promise<void>): PluginRegistry {
  const registry = new PluginRegistry();
  class Logger {
    [Symbol.dispose](): void {
      events.push('dispose logger');
    }
  }
  class Store {
    async [pluginSetup](): Promise<void> {
      events.push('set up store');
      await slow;
      events.push('store ready');
    }
    async [Symbol.asyncDispose](): Promise<void> {
      await Promise.resolve();
      events.push('dispose store');
    }
  }
  class Quick {
    async [pluginSetup](): Promise<void> {
      await new Promise((resolve) => setTimeout(resolve, 5));
      events.push('quick ready');
    }
  }
  registry.register(Logger, { alias: 'logger', kind: 'logger' });
  registry.register(Store, { alias: 'store', kind: 'checkpoint_io' });
  registry.register(Store, { alias: 'shared-store', kind: 'cache', scope: 'singleton' });
  registry.register(Store, { alias: 'patient-store', kind: 'archive', setupTimeoutMs: 60_000 });
  registry.register(Quick, { alias: 'quick', kind: 'profiler', setupTimeoutMs: 5_000 });
  return registry;
}

/** Waits until the callbacks queued now (a late set-up's disposal among them) have run. */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 5; turn += 1) await new Promise((resolve) => setImmediate(resolve));
}

// That a late set-up's rejection is never an unhandled rejection, and that the timer never keeps the process
// alive, is shown with child processes in setup-timeout.e2e.test.ts (jest does not pass them to the test).

describe(PluginSetupTimeoutError.name, () => {
  it('rejects resolveAsync when the container limit passes, naming the alias, its kind and where it was registered', async () => {
    const events: string[] = [];
    const slow = gate();
    const registry = plugins(events, slow.wait);
    const resolver = createPluginContainer({ registry, setupTimeoutMs: 30 }).get(PluginResolver);

    const outcome = await within(resolver.resolveAsync('store'));

    const error = (outcome as { error: PluginSetupTimeoutError }).error;
    expect(error).toBeInstanceOf(PluginSetupTimeoutError);
    expect(PluginError.is(error)).toBe(true);
    expect(error.code).toBe('PLUGIN_SETUP_TIMEOUT');
    expect([error.alias, error.kind, error.timeoutMs]).toEqual(['store', 'checkpoint_io', 30]);
    expect(error.registeredAt).toBe(`Store (${String(registry.get('store').source)})`);
    expect(error.registeredAt).toMatch(/^Store \(.*setup-timeout\.test\.ts:\d+\)$/);
    expect(error.message).toBe(
      `Plugin "store" (kind "checkpoint_io", ${error.registeredAt}) did not finish its set-up within 30 ms. ` +
        'Make its [pluginSetup]() finish sooner, or raise setupTimeoutMs (on its registration, or on the container).',
    );
    slow.open();
    await settle();
    expect(events).toEqual(['set up store', 'store ready', 'dispose store']);
  });

  it("lets a registration's limit win over the container's, both ways", async () => {
    const events: string[] = [];
    const slow = gate();
    const resolver = createPluginContainer({ registry: plugins(events, slow.wait), setupTimeoutMs: 1 }).get(
      PluginResolver,
    );

    const quick = await within(resolver.resolveAsync('quick'));
    const patient = within(resolver.resolveAsync('patient-store'));
    await new Promise((resolve) => setTimeout(resolve, 40));
    slow.open();

    expect(quick).toEqual({ value: expect.anything() });
    expect(await patient).toEqual({ value: expect.anything() });
    expect(events).toEqual(['quick ready', 'set up store', 'store ready']);
  });

  it('disposes what resolveAllAsync had built; the late set-up rejecting is handled and its instance disposed', async () => {
    const events: string[] = [];
    const slow = gate();
    const resolver = createPluginContainer({ registry: plugins(events, slow.wait), setupTimeoutMs: 30 }).get(
      PluginResolver,
    );

    const outcome = await within(resolver.resolveAllAsync(['logger', 'store']));
    events.push('rejected');
    slow.fail();
    await settle();

    expect(outcome).toEqual({ error: expect.any(PluginSetupTimeoutError) });
    expect(events).toEqual(['set up store', 'dispose logger', 'rejected', 'dispose store']);
  });

  it('as a singleton: every waiting call rejects, container disposal does not wait for it, and a later resolve builds anew', async () => {
    const events: string[] = [];
    const slow = gate();
    const container = createPluginContainer({ registry: plugins(events, slow.wait), setupTimeoutMs: 30 });
    const resolver = container.get(PluginResolver);

    const outcomes = await Promise.all([
      within(resolver.resolveAsync('shared-store')),
      within(resolver.scope().resolveAllAsync('shared-store')),
    ]);
    const retry = within(resolver.resolveAsync('shared-store'));
    slow.open();
    const second = await retry;
    const disposal = await within(disposePluginContainer(container));
    await settle();

    expect(outcomes).toEqual([
      { error: expect.any(PluginSetupTimeoutError) },
      { error: expect.any(PluginSetupTimeoutError) },
    ]);
    expect(second).toEqual({ value: expect.anything() });
    expect(disposal).toEqual({ value: undefined });
    expect(events.filter((event) => event === 'dispose store')).toHaveLength(2);
  });

  it('keeps a set-up failure that comes first a PluginCreationError', async () => {
    const registry = new PluginRegistry();
    class Broken {
      [pluginSetup](): Promise<void> {
        return Promise.reject(new Error('port in use'));
      }
    }
    registry.register(Broken, { alias: 'broken', setupTimeoutMs: 5_000 });

    const outcome = await within(createPluginContainer({ registry }).get(PluginResolver).resolveAsync('broken'));

    expect((outcome as { error: Error }).error).toBeInstanceOf(PluginCreationError);
  });
});

describe('setupTimeoutMs values', () => {
  const bad: [string, unknown, string][] = [
    ['negative', -1, 'number -1'],
    ['zero', 0, 'number 0'],
    ['NaN', Number.NaN, 'number NaN'],
    ['fractional', 1.5, 'number 1.5'],
    ['a string', '50', '"50"'],
    ['huge', 2 ** 31, 'number 2147483648'],
    ['infinite', Number.POSITIVE_INFINITY, 'number Infinity'],
  ];

  it.each(bad)('refuses %s on the container with PluginRegistrationError', (_name, value, shown) => {
    const error = thrown<PluginRegistrationError>(() =>
      createPluginContainer({ registry: new PluginRegistry(), setupTimeoutMs: value as number }),
    );

    expect(error).toBeInstanceOf(PluginRegistrationError);
    expect(error.message).toBe(
      `createPluginContainer(): setupTimeoutMs must be a whole number of milliseconds from 1 to 2147483647, got ${shown}. ` +
        'Leave it out for no time limit.',
    );
  });

  it.each(bad)('refuses %s on a registration and on pluginModule', (_name, value, shown) => {
    const registry = new PluginRegistry();

    const registration = thrown<PluginRegistrationError>(() =>
      registry.register(class Store {}, { alias: 'store', setupTimeoutMs: value as number }),
    );
    const module = thrown<PluginRegistrationError>(() => pluginModule(registry, { setupTimeoutMs: value as number }));

    expect(registration).toBeInstanceOf(PluginRegistrationError);
    expect(registration.message).toBe(
      `Plugin "store": setupTimeoutMs must be a whole number of milliseconds from 1 to 2147483647, got ${shown}. ` +
        'Leave it out for no time limit.',
    );
    expect(module.message).toBe(registration.message.replace('Plugin "store"', 'pluginModule()'));
    expect(registry.has('store')).toBe(false);
  });

  it('takes the limit through pluginModule for a container made elsewhere', async () => {
    const events: string[] = [];
    const slow = gate();
    const { Container } = await import('inversify');
    const container = new Container();
    const module: ContainerModule = pluginModule(plugins(events, slow.wait), { setupTimeoutMs: 20 });
    container.load(module);

    const outcome = await within(container.get(PluginResolver).resolveAsync('store'));
    slow.open();
    await settle();

    expect(outcome).toEqual({ error: expect.any(PluginSetupTimeoutError) });
  });
});
