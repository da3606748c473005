import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { container as rootContainer } from 'tsyringe';
import { PLUGIN_OPTIONS, PluginCreationError, PluginRegistry, PluginResolver } from 'plugboard';
import { registerPlugins } from 'plugboard/tsyringe';
import { thrown } from '../support/thrown.js';

// Issue 27 item 1: `inject` works with the tsyringe adapter too, without tsyringe's decorators.
class WorkerPool {}

class DdpStrategy {
  constructor(
    readonly options: unknown,
    readonly pool: WorkerPool,
    readonly log: unknown,
  ) {}
}

function setup(inject: readonly unknown[]) {
  const registry = new PluginRegistry();
  registry.register(DdpStrategy, { alias: 'ddp', params: { workers: 2 }, inject: inject as never });
  const container = rootContainer.createChildContainer();
  container.register(WorkerPool, { useValue: new WorkerPool() });
  registerPlugins(container, registry);
  return container;
}

describe('the inject registration option under registerPlugins', () => {
  it('resolves the dependencies from the tsyringe container, from a child container too', () => {
    const container = setup([PLUGIN_OPTIONS, WorkerPool, 'log']);
    container.register('log', { useValue: 'root log' });
    const child = container.createChildContainer();
    child.register('log', { useValue: 'child log' });

    const built = container.resolve(PluginResolver).resolve('ddp', { workers: 8 }) as DdpStrategy;
    const fromChild = child.resolve(PluginResolver).resolve('ddp') as DdpStrategy;

    expect(built.options).toEqual({ workers: 8 });
    expect(built.pool).toBeInstanceOf(WorkerPool);
    expect(built.log).toBe('root log');
    expect(fromChild.log).toBe('child log');
  });

  it('gives undefined for an optional token that is not registered', () => {
    const container = setup([PLUGIN_OPTIONS, WorkerPool, { token: 'log', optional: true }]);

    expect((container.resolve(PluginResolver).resolve('ddp') as DdpStrategy).log).toBeUndefined();
  });

  it('refuses a named dependency, which tsyringe cannot resolve', () => {
    const container = setup([PLUGIN_OPTIONS, WorkerPool, { token: 'log', name: 'disk' }]);

    const error = thrown(() => container.resolve(PluginResolver).resolve('ddp'));

    expect(error).toBeInstanceOf(PluginCreationError);
    expect(error.message).toBe(
      'Could not create plugin "ddp" -> DdpStrategy. Cause: constructor parameter 3 (inject[2], "log") could not be ' +
        'resolved: tsyringe has no named registrations: declare the dependency without name, or register a token ' +
        'of its own.',
    );
  });
});
