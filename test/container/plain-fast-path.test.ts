import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { inject } from 'inversify';
import { PluginCreationError, PluginRegistry, PluginResolver, createPluginContainer, pluginToken } from 'plugboard';
import { thrown } from '../support/thrown.js';

/**
 * Issue 17: a plain transient class, with no scope, override or injection in play, is built on a short path
 * (no batch, no closure per call). These pin what that path must still do.
 */
function setUp(): { events: string[]; registry: PluginRegistry } {
  const events: string[] = [];
  const registry = new PluginRegistry();
  class Logger {
    constructor() {
      events.push('new logger');
    }
    [Symbol.dispose](): void {
      events.push('dispose logger');
    }
  }
  registry.register(Logger, { alias: 'logger', kind: 'logger' });
  return { events, registry };
}

describe(PluginResolver.prototype.resolve.name, () => {
  it('disposes what a plain constructor built through the container when it then throws (issue 17)', () => {
    const { events, registry } = setUp();
    const container = createPluginContainer({ registry });
    class Greedy {
      constructor() {
        container.get(pluginToken('logger'), { name: 'logger' });
        throw new Error('no GPU');
      }
    }
    registry.register(Greedy, { alias: 'greedy', kind: 'strategy' });

    const viaResolver = thrown<PluginCreationError>(() => container.get(PluginResolver).resolve('greedy'));
    const viaGet = thrown<PluginCreationError>(() => container.get(pluginToken('strategy'), { name: 'greedy' }));

    for (const error of [viaResolver, viaGet]) {
      expect(error).toBeInstanceOf(PluginCreationError);
      expect(error.message).toContain('no GPU');
    }
    expect(events).toEqual(['new logger', 'dispose logger', 'new logger', 'dispose logger']);
  });

  it('leaves what a plain constructor built to the instance when it succeeds (issue 17)', () => {
    const { events, registry } = setUp();
    const container = createPluginContainer({ registry });
    class Holder {
      readonly logger = container.get(pluginToken('logger'), { name: 'logger' });
    }
    registry.register(Holder, { alias: 'holder', kind: 'strategy' });

    const holder = container.get(PluginResolver).resolve('holder') as Holder;

    expect(holder.logger).toBeDefined();
    expect(events).toEqual(['new logger']);
  });

  it('refuses a plain constructor that resolves its own alias, through the resolver or the container (issue 17)', () => {
    const registry = new PluginRegistry();
    const container = createPluginContainer({ registry });
    class Loop {
      constructor() {
        container.get(PluginResolver).resolve('loop');
      }
    }
    class GetLoop {
      constructor() {
        container.get(pluginToken('strategy'), { name: 'get_loop' });
      }
    }
    registry.register(Loop, { alias: 'loop', kind: 'strategy' });
    registry.register(GetLoop, { alias: 'get_loop', kind: 'strategy' });

    const viaResolver = thrown<PluginCreationError>(() => container.get(PluginResolver).resolve('loop'));
    const viaGet = thrown<PluginCreationError>(() => container.get(pluginToken('strategy'), { name: 'get_loop' }));

    expect(viaResolver.message).toContain('a dependency cycle: loop -> loop');
    expect(viaGet.message).toContain('a dependency cycle: get_loop -> get_loop');
  });

  it('names the class and the cause when a plain constructor throws something that is not an Error (issue 17)', () => {
    const registry = new PluginRegistry();
    class Thrower {
      constructor() {
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- the point of the test
        throw 'a string';
      }
    }
    registry.register(Thrower, { alias: 'thrower', kind: 'strategy' });
    const resolver = createPluginContainer({ registry }).get(PluginResolver);

    const error = thrown<PluginCreationError>(() => resolver.resolve('thrower'));

    expect(error).toBeInstanceOf(PluginCreationError);
    expect(error.path).toEqual(['Thrower']);
    expect(error.message).toContain('a string');
  });
});

describe(createPluginContainer.name, () => {
  it('explains a class given @inject dependencies after the container bound it as a plain class (issue 17)', () => {
    const registry = new PluginRegistry();
    class Late {
      constructor(readonly options: unknown) {}
    }
    registry.register(Late, { alias: 'late', kind: 'strategy' });
    const container = createPluginContainer({ registry });
    inject('something')(Late, undefined, 0); // what a parameter decorator does, run after the binding

    const error = thrown<PluginCreationError>(() => container.get(pluginToken('strategy'), { name: 'late' }));

    expect(error).toBeInstanceOf(PluginCreationError);
    expect(error.message).toContain('gained @inject dependencies after the container bound it');
  });
});
